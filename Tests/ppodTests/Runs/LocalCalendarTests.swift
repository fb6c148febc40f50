import Foundation
import Testing
@testable import ppod

@Suite struct LocalCalendarTests {
    @Test(arguments: [("06:00", true), ("23:59", true), ("00:00", true), ("24:00", false), ("6:00", false),
                      ("06:60", false), ("0600", false), ("off", false), ("", false)])
    func onlyHHMMIsATime(_ row: (String, Bool)) {
        #expect((TimeOfDay(row.0) != nil) == row.1)
    }

    @Test func todayAndTheDailyRunFollowTheLocalClockNotUTC() throws {
        let london = try #require(LocalCalendar(identifier: "Europe/London"))
        let time = try #require(TimeOfDay("06:00"))
        // 2026-07-01 05:30 UTC is 06:30 in London (BST): the run is due.
        let summer = Date(timeIntervalSince1970: 1_782_883_800)
        #expect(london.day(of: summer).description == "2026-07-01")
        #expect(london.hasPassed(time, at: summer))
        // 2026-11-23 05:30 UTC is 05:30 in London (GMT): not yet.
        let winter = Date(timeIntervalSince1970: 1_795_411_800)
        #expect(!london.hasPassed(time, at: winter))
        #expect(london.next(time, after: winter).timeIntervalSince(winter) == 1800)
        // 23:30 UTC on 30 June is already 1 July in London.
        #expect(london.day(of: Date(timeIntervalSince1970: 1_782_862_200)).description == "2026-07-01")
    }
}
