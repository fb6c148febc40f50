import Hummingbird

/// Every page of the web interface (docs/web.md), under `/ui`.
enum WebRoutes {
    static func add(to router: Router<PPODContext>, daemon: Daemon) {
        AssetRoutes.add(to: router)
        SignInPages.add(to: router, daemon: daemon, sessions: daemon.sessions, secure: daemon.tls)
        ListPages.add(to: router, daemon: daemon)
        OffenderPage.add(to: router, daemon: daemon)
        TaskingPages.add(to: router, daemon: daemon)
        ServicePages.add(to: router, daemon: daemon)
        PanelPages.add(to: router, daemon: daemon)
    }
}
