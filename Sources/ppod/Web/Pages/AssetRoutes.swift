import Hummingbird

/// The stylesheet and the script, served by ppod itself, to anyone (they hold no data).
enum AssetRoutes {
    static func add(to router: Router<PPODContext>) {
        router.on(RouterPath("/ui/assets/ppod.css"), method: .get) { _, _ in
            Answer.bytes(Array(Stylesheet.css.utf8), type: "text/css; charset=utf-8", headers: [.cacheControl: "max-age=3600"])
        }
        router.on(RouterPath("/ui/assets/ppod.js"), method: .get) { _, _ in
            Answer.bytes(Array(Script.js.utf8), type: "text/javascript; charset=utf-8", headers: [.cacheControl: "max-age=3600"])
        }
    }
}
