/// Every page template, by name. Each file of this folder holds one, as Mustache text: `{{name}}`
/// is escaped for HTML; the unescaped forms are never used (a test checks).
enum WebTemplates {
    static let all: [(String, String)] = [
        ("layout", layout), ("sign-in", signIn), ("error", error), ("list", list), ("ineligible", ineligible),
        ("offender", offender), ("today", today), ("premium-service", premiumService), ("rules", rules),
        ("runs", runs), ("audit", audit), ("panel", panel), ("decide", decide),
    ]
}
