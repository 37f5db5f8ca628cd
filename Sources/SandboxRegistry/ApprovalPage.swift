import Foundation

/// The small HTML pages a person opens from npm's "Login at:" / "Authenticate your account at:" URLs.
enum ApprovalPage {
    static func login(action: String, message: String?) -> String {
        page(
            title: "Sandbox registry: log in",
            body: """
                <p>Approve the waiting <code>npm login</code> by signing in to this <strong>practice</strong> registry.</p>
                \(message.map { "<p class=\"error\">\(escape($0))</p>" } ?? "")
                <form method="post" action="\(escape(action))">
                <label>Username <input name="username" autocomplete="username" required></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <label>One-time password (only for 2FA accounts) <input name="otp" inputmode="numeric" autocomplete="one-time-code"></label>
                <button type="submit">Log in</button>
                </form>
                """)
    }

    static func otp(action: String, user: String, message: String?) -> String {
        page(
            title: "Sandbox registry: confirm",
            body: """
                <p>npm is waiting for a second factor for <strong>\(escape(user))</strong>. Confirm with your password.</p>
                \(message.map { "<p class=\"error\">\(escape($0))</p>" } ?? "")
                <form method="post" action="\(escape(action))">
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Approve</button>
                </form>
                """)
    }

    static let done = page(title: "Sandbox registry: done", body: "<p>Approved. Return to your terminal.</p>")
    static let gone = page(
        title: "Sandbox registry: expired",
        body: "<p>This request is unknown or already completed. Start again from npm.</p>")

    private static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
        <style>body{font-family:sans-serif;max-width:32em;margin:3em auto}label{display:block;margin:.6em 0}
        input{display:block;width:100%}.error{color:#b00}</style></head>
        <body><h1>\(title)</h1>\(body)</body></html>
        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
