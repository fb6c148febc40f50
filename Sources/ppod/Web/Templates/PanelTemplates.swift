extension WebTemplates {
    static let panel = """
        {{<layout}}{{$main}}
        <p class="facts">{{page.area}} · {{page.matrix}} ({{page.version}}) ranked as of {{page.date}} · {{page.onScheme}} on the scheme<br><span class="digest">rules {{page.rulesDigest}}</span><br><span class="digest">data {{page.dataDigest}}</span></p>
        <form method="get" action="/ui/panel" class="filters no-print" aria-label="Choose the panel date">
        <div class="field"><label for="date">Panel date</label><input type="date" id="date" name="date" value="{{page.date}}"></div>
        <div class="field"><button type="submit">Show</button></div>
        <div class="field"><button type="button" class="print-button" data-print>Print the pack</button></div>
        </form>
        {{#page.sections}}
        <section class="panel-section" aria-labelledby="section-{{key}}">
        <h2 id="section-{{key}}">{{title}} ({{count}})</h2>
        <table>
        <thead><tr><th scope="col" class="num">Rank</th><th scope="col">Offender</th><th scope="col">Name</th><th scope="col" class="num">Score</th><th scope="col">Tier</th><th scope="col">Strand</th><th scope="col">Why</th><th scope="col" class="no-print">Decision</th></tr></thead>
        <tbody>
        {{#items}}<tr><td class="num">{{rank}}</td><td><a href="{{href}}">{{offender}}</a></td><td>{{name}}</td><td class="num">{{score}}</td><td>{{tier}}</td><td>{{strand}}</td><td>{{why}}</td><td class="no-print">{{#decide}}<a href="{{decide}}">Record decision<span class="visually-hidden"> for {{offender}}</span></a>{{/decide}}</td></tr>
        {{/items}}
        {{^items}}<tr><td colspan="8">None.</td></tr>{{/items}}
        </tbody>
        </table>
        </section>
        {{/page.sections}}
        {{/main}}{{/layout}}
        """

    static let decide = """
        {{<layout}}{{$main}}
        <p class="facts">{{page.name}} · scheme {{page.scheme}} · now: {{page.status}}</p>
        {{#page.recorded}}<p class="notice" role="status" id="recorded">Decision {{page.recorded}} recorded.</p>{{/page.recorded}}
        {{#page.problem}}<p class="problem" role="alert" id="problem">Not recorded: {{page.problem}}</p>{{/page.problem}}
        <p><a href="{{page.back}}">Back to the offender</a></p>
        <form method="post" action="{{page.formAction}}" class="decision-form">
        <input type="hidden" name="_csrf" value="{{layout.formToken}}">
        <input type="hidden" name="scheme" value="{{page.scheme}}">
        <div class="field"><label for="decision">Decision</label>
        <select id="decision" name="decision" required>{{#page.decisions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.decisions}}</select></div>
        <div class="field"><label for="strand">Strand (adopt; a review may move it)</label>
        <select id="strand" name="strand"><option value="">None</option>{{#page.strands}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.strands}}</select></div>
        <div class="field"><label for="reason">Reason</label>
        <select id="reason" name="reason" required>{{#page.reasons}}<optgroup label="{{label}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</optgroup>{{/page.reasons}}</select></div>
        <div class="field"><label for="panel_date">Panel date</label><input type="date" id="panel_date" name="panel_date" value="{{page.panelDate}}"></div>
        <div class="field"><label for="effective">Effective from</label><input type="date" id="effective" name="effective" value="{{page.effective}}" required></div>
        <div class="field"><label for="next_review">Next review (optional)</label><input type="date" id="next_review" name="next_review" value="{{page.nextReview}}"></div>
        <div class="field"><label for="supersedes">Corrects an earlier decision (optional)</label>
        <select id="supersedes" name="supersedes"><option value="">None</option>{{#page.supersedable}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.supersedable}}</select></div>
        <div class="field wide"><label for="note">The panel's note</label><textarea id="note" name="note" rows="3">{{page.note}}</textarea></div>
        <div class="field"><button type="submit">Record the decision</button></div>
        </form>
        <p>Decisions are never edited or deleted: a mistake is corrected by a new decision that supersedes it. ppod records who recorded it and when, and what the panel saw (the offender's line of the scheme's matrix on the panel date).</p>
        <h2>Decisions so far</h2>
        <table id="history">
        <thead><tr><th scope="col">Id</th><th scope="col">Decision</th><th scope="col">Strand</th><th scope="col">Reason</th><th scope="col">Effective</th><th scope="col">Panel</th><th scope="col">Recorded by</th><th scope="col">Note</th></tr></thead>
        <tbody>
        {{#page.history}}<tr{{#superseded}} class="superseded"{{/superseded}}><td>{{id}}{{#superseded}} (superseded){{/superseded}}</td><td>{{decision}}{{#supersedes}} (corrects {{supersedes}}){{/supersedes}}</td><td>{{strand}}</td><td>{{reason}}</td><td>{{effective}}</td><td>{{panelDate}}</td><td>{{decidedBy}}</td><td>{{note}}</td></tr>
        {{/page.history}}
        {{^page.history}}<tr><td colspan="8">No decision yet.</td></tr>{{/page.history}}
        </tbody>
        </table>
        {{/main}}{{/layout}}
        """
}
