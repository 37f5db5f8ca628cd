/// How to use a new token, shown after every `--save` choice: the `.npmrc` line and a CI step.
///
/// The CI step hands the secret to npm as `NPM_TOKEN`, the name the committed line reads: a
/// project `.npmrc` wins over the user config setup-node writes, so `NODE_AUTH_TOKEN` alone would
/// leave npm sending the literal `${NPM_TOKEN}`.
public enum TokenUsageHelp {
    public static func lines(registry: String) -> [String] {
        let nerf = RegistryURL.nerfDart(of: registry) ?? "//registry.npmjs.org/"
        return [
            "How to use it:",
            "  .npmrc (commit this line, never the token):",
            "    \(nerf):_authToken=${NPM_TOKEN}",
            "  CI: store the token as the secret NPM_TOKEN and hand it to npm under that name, e.g. GitHub Actions:",
            "    - uses: actions/setup-node@v4",
            "      with: { registry-url: \(RegistryURL(registry)?.withoutUserinfo ?? registry) }",
            "    - run: npm ci",
            "      env: { NPM_TOKEN: \"${{ secrets.NPM_TOKEN }}\" }",
            "  (the committed line wins over setup-node's own, so NODE_AUTH_TOKEN alone is not enough.)",
        ]
    }
}
