/// Which behaviour runs for which command spec.
public enum ShellCommandTable {
    public typealias Handler = @Sendable (ParsedCommand, Shell) throws -> Void

    static let handlers: [String: Handler] = [
        CommandSpec.help.name: BuiltinHandlers.help,
        CommandSpec.history.name: BuiltinHandlers.history,
        CommandSpec.set.name: BuiltinHandlers.set,
        CommandSpec.exit.name: BuiltinHandlers.leave,
        CommandSpec.registry.name: SessionHandlers.registry,
        CommandSpec.ping.name: SessionHandlers.ping,
        CommandSpec.whoami.name: SessionHandlers.whoami,
        CommandSpec.status.name: StatusHandler.run,
        CommandSpec.exec.name: ExecHandler.run,
        CommandSpec.login.name: LoginHandler.run,
        CommandSpec.logout.name: LogoutHandler.run,
        CommandSpec.accountList.name: AccountHandlers.list,
        CommandSpec.accountUse.name: AccountHandlers.use,
        CommandSpec.accountRemove.name: AccountHandlers.remove,
        CommandSpec.lock.name: AccountHandlers.lock,
        CommandSpec.configList.name: ConfigHandlers.list,
        CommandSpec.configGet.name: ConfigHandlers.get,
        CommandSpec.configPath.name: ConfigHandlers.path,
        CommandSpec.tips.name: TipsHandler.run,
        CommandSpec.audit.name: AuditHandler.run,
        CommandSpec.tokenList.name: TokenListHandler.run,
        CommandSpec.tokenShow.name: TokenShowHandler.run,
        CommandSpec.tokenCreate.name: TokenCreateHandler.run,
        CommandSpec.tokenRevoke.name: TokenRevokeHandler.run,
        CommandSpec.tokenRotate.name: TokenRotateHandler.run,
        CommandSpec.tokenPrune.name: TokenPruneHandler.run,
        CommandSpec.recordStart.name: RecordHandlers.start,
        CommandSpec.recordStop.name: RecordHandlers.stop,
        CommandSpec.recordStatus.name: RecordHandlers.status,
        CommandSpec.note.name: RecordHandlers.note,
        CommandSpec.replay.name: ReplayHandler.run,
        CommandSpec.guide.name: GuideHandler.run,
    ]

    public static func handler(for spec: CommandSpec) -> Handler? {
        handlers[spec.name]
    }
}
