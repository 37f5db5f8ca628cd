import Foundation

/// Published packages, in memory: packuments as JSON and tarballs by file name.
struct PackageStore: Sendable {
    private var packuments: [String: Data] = [:]
    private var tarballs: [String: Data] = [:]

    /// The packument of `name`, or `nil`.
    func packument(_ name: String) -> Data? { packuments[name] }

    /// A tarball by package and file name.
    func tarball(package: String, file: String) -> Data? { tarballs[package + "/" + file] }

    /// Applies an `npm publish` body: new versions, dist-tags and base64 attachments.
    ///
    /// Tarball URLs are rewritten to this registry (`tarballBase` + `NAME/-/FILE`), so installs
    /// fetch them from here whatever the client computed.
    mutating func publish(name: String, body: Data, tarballBase: String, now: Date) -> Result<Void, SandboxError> {
        guard let document = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let versions = document["versions"] as? [String: Any], !versions.isEmpty
        else { return .failure(.badRequest("publish body must be a packument with versions")) }
        guard (document["name"] as? String ?? name) == name else {
            return .failure(.badRequest("package name in the body does not match the URL"))
        }
        var packument =
            packuments[name].flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            ?? [
                "_id": name, "name": name, "versions": [String: Any](), "dist-tags": [String: Any](),
                "time": [String: Any](),
            ]
        var storedVersions = packument["versions"] as? [String: Any] ?? [:]
        var time = packument["time"] as? [String: Any] ?? [:]
        let stamp = ISO8601DateFormatter().string(from: now)
        let attachments = document["_attachments"] as? [String: Any] ?? [:]
        var newTarballs: [String: Data] = [:]
        for (version, manifest) in versions {
            guard storedVersions[version] == nil else {
                return .failure(.forbidden("You cannot publish over the previously published versions: \(version)."))
            }
            guard var manifest = manifest as? [String: Any] else {
                return .failure(.badRequest("bad version \(version)"))
            }
            let file = (name.split(separator: "/").last.map(String.init) ?? name) + "-" + version + ".tgz"
            guard let attachment = attachments.first(where: { $0.key.hasSuffix(file) })?.value as? [String: Any],
                let encoded = attachment["data"] as? String, let data = Data(base64Encoded: encoded)
            else { return .failure(.badRequest("publish body lacks the tarball attachment \(file)")) }
            var dist = manifest["dist"] as? [String: Any] ?? [:]
            dist["tarball"] = tarballBase + name + "/-/" + file
            manifest["dist"] = dist
            storedVersions[version] = manifest
            time[version] = stamp
            newTarballs[name + "/" + file] = data
        }
        var tags = packument["dist-tags"] as? [String: Any] ?? [:]
        for (tag, version) in document["dist-tags"] as? [String: Any] ?? [:] { tags[tag] = version }
        time["modified"] = stamp
        if time["created"] == nil { time["created"] = stamp }
        packument["versions"] = storedVersions
        packument["dist-tags"] = tags
        packument["time"] = time
        for key in ["description", "readme", "maintainers"] where document[key] != nil {
            packument[key] = document[key]
        }
        guard let encoded = try? JSONSerialization.data(withJSONObject: packument, options: [.sortedKeys]) else {
            return .failure(.badRequest("publish body could not be stored"))
        }
        packuments[name] = encoded
        tarballs.merge(newTarballs) { _, new in new }
        return .success(())
    }
}
