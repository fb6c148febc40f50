extension WebTemplates {
    /// The selection form as the national Figure 3 form lays it out, then the record's timeline.
    static let offender = """
        {{<layout}}{{$main}}
        <p class="no-print"><a href="{{page.back}}">Back to the list</a> · <button type="button" class="print-button" data-print>Print this form</button>{{#page.decide}} · <a href="{{page.decide}}">Panel decisions</a>{{/page.decide}}</p>
        <section class="form" aria-labelledby="form-heading">
        <h2 id="form-heading">Selection form</h2>
        <table class="facts-table">
        <caption class="visually-hidden">Who and which rules</caption>
        <tbody>
        <tr><th scope="row">Name</th><td>{{page.name}}</td><th scope="row">Id</th><td>{{page.id}}</td></tr>
        <tr><th scope="row">Date of birth</th><td>{{page.dob}}</td><th scope="row">PNC</th><td>{{page.pnc}}</td></tr>
        <tr><th scope="row">Area</th><td>{{page.area}}</td><th scope="row">Scheme status</th><td>{{page.status}}{{#page.strand}}, {{page.strand}} strand{{/page.strand}}{{#page.since}} since {{page.since}}{{/page.since}}{{#page.reviewDue}}; review due {{page.reviewDue}}{{/page.reviewDue}}</td></tr>
        <tr><th scope="row">Matrix</th><td>{{page.matrix}} ({{page.version}})</td><th scope="row">As of</th><td>{{page.asOf}}</td></tr>
        <tr><th scope="row">Rank</th><td>{{page.rank}}</td><th scope="row">Tier</th><td>{{page.tier}}{{#page.recommended}} · recommended{{/page.recommended}}{{#page.tie}} · tie at capacity{{/page.tie}}</td></tr>
        </tbody>
        </table>
        {{#page.ineligibleReason}}<p class="problem">Not ranked: {{page.ineligibleReason}}</p>{{/page.ineligibleReason}}
        {{#page.ranked}}
        <table class="form-table" id="offences">
        <caption>Crime categories</caption>
        <thead><tr><th scope="col">Category</th><th scope="col" class="num">Convicted</th><th scope="col" class="num">Admitted</th><th scope="col" class="num">Suspected</th><th scope="col">How the points were reached</th><th scope="col" class="num">Score</th></tr></thead>
        <tbody>
        {{#page.offenceLines}}<tr><th scope="row">{{category}}</th><td class="num">{{convicted}}</td><td class="num">{{admitted}}</td><td class="num">{{suspected}}</td><td>{{detail}}<span class="records">{{#evidence}} <a href="{{href}}">{{id}}</a>{{/evidence}}</span></td><td class="num">{{points}}</td></tr>
        {{/page.offenceLines}}
        {{^page.offenceLines}}<tr><td colspan="6">No offence in the window.</td></tr>{{/page.offenceLines}}
        </tbody>
        </table>
        <table class="form-table" id="factors">
        <caption>Victims, intelligence, serial offending, impact and other factors</caption>
        <thead><tr><th scope="col">Factor</th><th scope="col">How the points were reached</th><th scope="col" class="num">Score</th></tr></thead>
        <tbody>
        {{#page.factorLines}}<tr><th scope="row">{{label}}</th><td>{{detail}}<span class="records">{{#evidence}} <a href="{{href}}">{{id}}</a>{{/evidence}}</span></td><td class="num">{{points}}</td></tr>
        {{/page.factorLines}}
        </tbody>
        <tfoot>
        {{#page.weighting}}<tr><th scope="row" colspan="2">Main-category weighting: {{page.weighting}}</th><td></td></tr>{{/page.weighting}}
        <tr class="total"><th scope="row" colspan="2">Total</th><td class="num" id="total">{{page.total}}</td></tr>
        </tfoot>
        </table>
        {{/page.ranked}}
        <p class="digest">rules {{page.rulesDigest}} · data {{page.dataDigest}}</p>
        </section>
        {{#page.showsTasking}}
        <section class="duties" aria-labelledby="duties-heading">
        <h2 id="duties-heading">Premium Service duties</h2>
        <table>
        <thead><tr><th scope="col">Case</th><th scope="col">Duty</th><th scope="col">Agency</th><th scope="col">Status</th><th scope="col">Due</th><th scope="col">Days</th></tr></thead>
        <tbody>
        {{#page.duties}}<tr{{#breached}} class="breached"{{/breached}}><td>{{caseID}}</td><td>{{rule}}</td><td>{{owner}}</td><td>{{status}}</td><td>{{due}}</td><td>{{late}}</td></tr>
        {{/page.duties}}
        {{^page.duties}}<tr><td colspan="6">No Premium Service duty applies.</td></tr>{{/page.duties}}
        </tbody>
        </table>
        <h2>Today's alerts</h2>
        <ul class="alerts">
        {{#page.alerts}}<li class="severity-{{severity}}"><strong>{{severity}}</strong> {{alert}}: {{message}}{{#notify}} (notify {{notify}}){{/notify}}</li>
        {{/page.alerts}}
        {{^page.alerts}}<li>No alert today.</li>{{/page.alerts}}
        </ul>
        </section>
        {{/page.showsTasking}}
        <section class="timeline" id="timeline" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <table>
        <thead><tr><th scope="col">Date</th><th scope="col">What</th><th scope="col">Detail</th><th scope="col">Record</th></tr></thead>
        <tbody>
        {{#page.timeline}}<tr id="{{anchor}}"><td>{{date}}</td><td>{{kind}}</td><td>{{text}}</td><td>{{id}}</td></tr>
        {{/page.timeline}}
        </tbody>
        </table>
        </section>
        {{/main}}{{/layout}}
        """
}
