/// How to use a new token, shown after every `--save` choice: the `.npmrc` line and a CI step.
public enum TokenUsageHelp {
    public static func lines(registry: String) -> [String] {
        let nerf = RegistryURL.nerfDart(of: registry) ?? "//registry.npmjs.org/"
        return [
            "How to use it:",
            "  .npmrc (commit this line, never the token):",
            "    \(nerf):_authToken=${NPM_TOKEN}",
            "  CI: store the token as the secret NPM_TOKEN and expose it to npm, e.g. GitHub Actions:",
            "    - uses: actions/setup-node@v4",
            "      with: { registry-url: \(RegistryURL(registry)?.withoutUserinfo ?? registry) }",
            "    - run: npm ci",
            "      env: { NODE_AUTH_TOKEN: \"${{ secrets.NPM_TOKEN }}\" }",
            "  (setup-node writes the _authToken line for NODE_AUTH_TOKEN; elsewhere set NPM_TOKEN.)",
        ]
    }
}
