extension Caller {
    /// The scope a request works on (docs/ppod.md, "Areas"): `?area=`, else the token's one area,
    /// else every area for a `*` token.
    func scope(requested: String?) throws -> DataScope {
        if let requested {
            if requested == "*" {
                guard areas == nil else {
                    throw APIError.forbidden("forbidden-area", "this token does not see every area")
                }
                return .all
            }
            guard sees(requested) else {
                throw APIError.forbidden("forbidden-area", "this token does not see area '\(requested)'")
            }
            return .area(requested)
        }
        guard let areas else { return .all }
        guard areas.count == 1, let only = areas.first else {
            throw APIError.badRequest("area-required",
                                      "this token sees several areas; choose one with ?area= (" + areas.joined(separator: ", ") + ")")
        }
        return .area(only)
    }
}
