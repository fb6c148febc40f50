/// The dated events of one case that exist at `as_of`, in date order (ties keep record order).
///
/// Past events after `as_of` do not exist; `scheduled` (listed) ones do. Undated events cannot be
/// placed before or after anything, so checklists ignore them (the data warnings name them).
struct CaseTimeline {
    struct Event {
        let id: String
        let type: String
        let date: Day
    }
    let events: [Event]

    init(_ kase: Case, asOf: Day) {
        var events: [Event] = []
        for event in kase.events {
            guard let type = event.type, let date = event.date else { continue }
            if !event.scheduled && date > asOf { continue }
            events.append(Event(id: event.id, type: type, date: date))
        }
        // A stable sort keeps record order for events on the same day.
        self.events = events.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
        }.map(\.element)
    }

    /// The events of a type, matched by its exact bytes.
    func of(type: String) -> [Event] { events.filter { ExactText.same($0.type, type) } }
}
