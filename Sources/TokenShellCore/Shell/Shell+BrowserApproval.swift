extension Shell {
    /// How long a browser approval may take: `TOKENSH_APPROVAL_TIMEOUT` seconds when set to a
    /// positive number (for headless runs and tests), otherwise ten minutes.
    var browserApprovalLimit: Double {
        guard let text = services.environment["TOKENSH_APPROVAL_TIMEOUT"], let seconds = Double(text),
            seconds > 0, seconds.isFinite
        else { return BrowserApproval.defaultLimit }
        return seconds
    }

    /// Polls `doneURL` until the approval comes or `BrowserApproval` gives up: the machine
    /// decides, this carries out its actions with the services' clock, pause and Ctrl-C flag.
    /// Returns the machine's last action: `.done` or `.giveUp`.
    func awaitBrowserApproval(
        client: RegistryClient, doneURL: String
    ) throws(RegistryError) -> BrowserApproval.Action {
        let approval = BrowserApproval(limit: browserApprovalLimit, startedAt: services.now())
        var action = approval.first
        while true {
            switch action {
            case .poll:
                let poll = try client.pollWebLogin(doneURL: doneURL)
                action = approval.next(after: .polled(poll), at: services.now())
            case .wait(let seconds):
                services.sleep(seconds: seconds)
                action = approval.next(after: .waited(interrupted: services.isInterrupted), at: services.now())
            case .done, .giveUp:
                return action
            }
        }
    }
}
