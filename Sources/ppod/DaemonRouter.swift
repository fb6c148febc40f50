import Hummingbird

/// The router: middleware outermost first, then the routes grouped by resource.
enum DaemonRouter {
    static func make(_ daemon: Daemon) -> Router<PPODContext> {
        let router = Router(context: PPODContext.self)
        // Metrics see every answer; the audit sees the final status, errors included; errors become
        // JSON before either sees them; only then is the token checked.
        router.add(middleware: MetricsMiddleware(metrics: daemon.metrics))
        router.add(middleware: AuditMiddleware(log: daemon.audit, metrics: daemon.metrics))
        router.add(middleware: ErrorMiddleware())
        // The web pages sign in with a session cookie instead of a bearer token.
        router.add(middleware: WebMiddleware(sessions: daemon.sessions, tokens: daemon.tokens, secure: daemon.tls))
        router.add(middleware: AuthMiddleware(tokens: daemon.tokens))
        router.add(middleware: StoreMiddleware(store: daemon.store))
        ServiceRoutes.add(to: router, daemon: daemon)
        OffenderRoutes.add(to: router, daemon: daemon)
        MatrixRoutes.add(to: router, daemon: daemon)
        ChecklistRoutes.add(to: router, daemon: daemon)
        AlertRoutes.add(to: router, daemon: daemon)
        RunRoutes.add(to: router, daemon: daemon)
        AuditRoutes.add(to: router, daemon: daemon)
        DecisionRoutes.add(to: router, daemon: daemon)
        EqualityRoutes.add(to: router, daemon: daemon)
        DraftRoutes.add(to: router, daemon: daemon)
        WebRoutes.add(to: router, daemon: daemon)
        return router
    }
}
