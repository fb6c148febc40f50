import Hummingbird

/// Makes the store known to the request being served (`OffenderStore.serving`), so that an ingest
/// whose body is larger than the memory it may hold can start writing before the body ends.
struct StoreMiddleware: RouterMiddleware {
    typealias Context = PPODContext
    let store: OffenderStore

    func handle(_ request: Request, context: PPODContext, next: (Request, PPODContext) async throws -> Response) async throws -> Response {
        try await OffenderStore.$serving.withValue(store) { try await next(request, context) }
    }
}
