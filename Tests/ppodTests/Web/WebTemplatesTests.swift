import Foundation
import Mustache
import Testing
@testable import ppod

/// The page templates: each parses, none uses the unescaped forms, and a value with markup comes out
/// as text.
@Suite struct WebTemplatesTests {
    @Test(arguments: WebTemplates.all.map(\.0))
    func eachTemplateParses(_ name: String) throws {
        let text = try #require(WebTemplates.all.first { $0.0 == name }?.1)
        _ = try MustacheTemplate(string: text)
        #expect(WebPage.library.getTemplate(named: name) != nil)
    }

    @Test(arguments: WebTemplates.all.map(\.0))
    func noTemplateWritesAValueUnescaped(_ name: String) throws {
        let text = try #require(WebTemplates.all.first { $0.0 == name }?.1)
        #expect(!text.contains("{{{"), "\(name) uses {{{…}}}")
        #expect(!text.contains("{{&"), "\(name) uses {{&…}}")
        #expect(!text.contains("style=\""), "\(name) has an inline style, which the policy refuses")
        #expect(!text.contains("<script>"), "\(name) has an inline script, which the policy refuses")
    }

    @Test func markupInAValueIsEscaped() throws {
        let page = IneligibleModel(matrix: "M", asOf: "2026-11-22", area: "Northtown", back: "/ui/list",
                                   rows: [.init(id: "NT-1\"><b>", name: "<img src=x onerror=alert(1)>", reason: "a & b")])
        let layout = Layout(title: "<t>", caller: nil, session: nil, current: "ineligible")
        let html = try #require(WebPage.library.render(WebPage.Frame(layout: layout, page: page), withTemplate: "ineligible"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("NT-1&quot;&gt;&lt;b&gt;"))
        #expect(html.contains("a &amp; b"))
        #expect(html.contains("<title>&lt;t&gt; — ppod</title>"))
        #expect(!html.contains("<img"))
    }
}

/// Sessions: expiry, sign-out, and the form token comparison.
@Suite struct WebSessionsTests {
    @Test func aSessionLastsUntilIdleOrAbsoluteExpiry() {
        let sessions = WebSessions(idleLimit: 60, absoluteLimit: 300)
        let start = Date(timeIntervalSince1970: 1_000_000)
        let session = sessions.open(token: "t", now: start)
        #expect(session.id.count == 64 && session.formToken.count == 64 && session.id != session.formToken)
        #expect(sessions.find(session.id, now: start.addingTimeInterval(59)) != nil)
        #expect(sessions.find(session.id, now: start.addingTimeInterval(118)) != nil, "use keeps it alive")
        #expect(sessions.find(session.id, now: start.addingTimeInterval(179)) == nil, "idle for 61 s")
        let second = sessions.open(token: "t", now: start)
        for minute in 1...5 { _ = sessions.find(second.id, now: start.addingTimeInterval(Double(minute) * 59)) }
        #expect(sessions.find(second.id, now: start.addingTimeInterval(301)) == nil, "older than 300 s")
    }

    @Test func signingOutEndsTheSession() {
        let sessions = WebSessions()
        let session = sessions.open(token: "t")
        sessions.close(session.id)
        #expect(sessions.find(session.id) == nil)
    }

    @Test func sessionsBeyondCapacityCloseTheLeastRecentlyUsed() {
        let sessions = WebSessions(capacity: 2)
        let start = Date.now
        let a = sessions.open(token: "a", now: start)
        let b = sessions.open(token: "b", now: start.addingTimeInterval(1))
        _ = sessions.find(a.id, now: start.addingTimeInterval(2))
        let c = sessions.open(token: "c", now: start.addingTimeInterval(3))
        #expect(sessions.find(b.id) == nil)
        #expect(sessions.find(a.id) != nil && sessions.find(c.id) != nil)
    }

    @Test(arguments: [("abc", "abc", true), ("abc", "abd", false), ("abc", "ab", false), ("", "", true)])
    func formTokensCompareByEveryByte(_ row: (String, String, Bool)) {
        #expect(WebSessions.same(row.0, row.1) == row.2)
    }

    @Test(arguments: [
        ("/ui/today", "/ui/today"), ("/ui/matrices/M?area=Northtown", "/ui/matrices/M?area=Northtown"),
        ("https://elsewhere.example/ui/today", nil), ("//elsewhere.example/ui", nil), ("/v1/offenders", nil),
        ("/ui/sign-in", nil), ("/ui\\..\\x", nil), ("/uix", nil),
    ] as [(String, String?)])
    func signInReturnsOnlyToAPageOfTheInterface(_ row: (String, String?)) {
        #expect(SignInPages.safeNext(row.0) == row.1)
    }
}
