import Foundation
import Testing
@testable import PPOEngine

/// Hostile nesting and very long chains are refused with a diagnostic instead of exhausting the
/// stack, even on a thread with a small (512 KB) stack as a server might use.
@Suite struct ParserDepthTests {
    static let hostile: [(name: String, text: String)] = [
        ("parentheses", String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)),
        ("not", String(repeating: "not ", count: 100_000) + "a"),
        ("minus", String(repeating: "- ", count: 100_000) + "a"),
        ("plus chain", "a" + String(repeating: " + a", count: 100_000)),
        ("or chain", "a" + String(repeating: " or a", count: 100_000)),
        ("member chain", "a" + String(repeating: ".b", count: 100_000)),
        ("calls", String(repeating: "f(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)),
        ("conditionals", String(repeating: "if a then ", count: 50_000) + "b"),
        ("mixed", String(repeating: "(a + ", count: 20_000) + "a" + String(repeating: ")", count: 20_000)),
    ]

    @Test(.timeLimit(.minutes(3)), arguments: hostile.map(\.name))
    func refusedWithADiagnostic(name: String) throws {
        let text = try #require(Self.hostile.first { $0.name == name }?.text)
        let outcome = Self.onSmallStack {
            let expression = Parser.parseExpression(SourceFile(path: "e", text: text), fileIndex: 0)
            let file = Parser.parse(SourceFile(path: "f", text: "matrix \"M\"\n  eligible when \(text)\nend\n"),
                                    fileIndex: 0)
            return (expression.expression == nil, expression.diagnostics.count, file.diagnostics.count)
        }
        #expect(outcome?.0 == true)
        #expect((outcome?.1 ?? 0) >= 1)
        #expect((outcome?.2 ?? 0) >= 1)
    }

    @Test func realisticNestingIsFine() {
        let text = String(repeating: "(", count: 20) + "a + b * c" + String(repeating: ")", count: 20)
            + String(repeating: " + a", count: 100)
        let (expression, diagnostics) = Parser.parseExpression(SourceFile(path: "e", text: text), fileIndex: 0)
        #expect(diagnostics.isEmpty)
        #expect(expression != nil)
    }

    @Test func wideListsAreNotDeep() {
        let text = "code in [" + (0..<5_000).map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        let (expression, diagnostics) = Parser.parseExpression(SourceFile(path: "e", text: text), fileIndex: 0)
        #expect(diagnostics.isEmpty)
        guard case .inList(_, let values)? = expression?.kind else { Issue.record("not a list"); return }
        #expect(values.count == 5_000)
    }

    /// Runs `body` on a thread with a 512 KB stack and waits for it.
    static func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.set(body())
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        return box.get()
    }

    final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: T?
        func set(_ newValue: T) { lock.lock(); value = newValue; lock.unlock() }
        func get() -> T? { lock.lock(); defer { lock.unlock() }; return value }
    }
}
