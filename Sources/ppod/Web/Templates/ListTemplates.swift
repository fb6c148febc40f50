extension WebTemplates {
    static let list = """
        {{<layout}}{{$main}}
        <p class="facts">{{page.matrix}} · version {{page.version}} · as of {{page.asOf}} · {{page.area}} · {{page.capacity}}<br>
        <span class="digest">rules {{page.rulesDigest}}</span><br><span class="digest">data {{page.dataDigest}}</span></p>
        {{#page.cohortNote}}<p class="note">{{page.cohortNote}}</p>{{/page.cohortNote}}
        <form method="get" action="{{page.action}}" class="filters" role="search" aria-label="Filter the list">
        {{#page.hasAreas}}<div class="field"><label for="area">Area</label>
        <select id="area" name="area">{{#page.areas}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.areas}}</select></div>{{/page.hasAreas}}
        <div class="field"><label for="tier">Tier</label>
        <select id="tier" name="tier"><option value="">Any tier</option>{{#page.tiers}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.tiers}}</select></div>
        <div class="field"><label for="recommended">Recommended</label>
        <select id="recommended" name="recommended"><option value="">Either</option>{{#page.recommended}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.recommended}}</select></div>
        <div class="field"><label for="status">Scheme status</label>
        <select id="status" name="status"><option value="">Any status</option>{{#page.statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.statuses}}</select></div>
        <div class="field"><label for="search">Id or name</label>
        <input type="search" id="search" name="search" value="{{page.search}}"></div>
        <details class="power"{{#page.powerOpen}} open{{/page.powerOpen}}>
        <summary>Power search: releases, convictions, offence types, cross-border</summary>
        <div class="power-fields">
        <div class="field"><label for="released_within">Released within (days)</label>
        <input type="number" id="released_within" name="released_within" min="0" max="3660" value="{{page.releasedWithin}}"></div>
        <div class="field"><label for="convicted_since">Convicted since</label>
        <input type="date" id="convicted_since" name="convicted_since" value="{{page.convictedSince}}"></div>
        <div class="field"><label for="offence">Offence type</label>
        <select id="offence" name="offence"><option value="">Any</option>{{#page.offences}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.offences}}</select></div>
        <div class="field"><label for="offence_months">in the last (months)</label>
        <input type="number" id="offence_months" name="offence_months" min="1" max="120" value="{{page.offenceMonths}}"></div>
        <div class="field checkbox"><input type="checkbox" id="cross_border" name="cross_border" value="true"{{#page.crossBorder}} checked{{/page.crossBorder}}>
        <label for="cross_border">Offending in another area</label></div>
        </div>
        </details>
        <div class="field"><button type="submit">Show</button></div>
        </form>
        <p id="shown" role="status">{{page.shown}}</p>
        <table class="ranking" aria-describedby="shown">
        <thead><tr><th scope="col">Rank</th><th scope="col">Id</th><th scope="col">Name</th><th scope="col" class="num">Score</th><th scope="col">Tier</th><th scope="col">Recommended</th><th scope="col">Tie at capacity</th><th scope="col">Scheme status</th></tr></thead>
        <tbody>
        {{#page.rows}}<tr><td class="num">{{rank}}</td><td><a href="{{href}}">{{id}}</a></td><td>{{name}}</td><td class="num">{{score}}</td><td>{{tier}}</td><td>{{#recommended}}yes{{/recommended}}{{^recommended}}no{{/recommended}}</td><td>{{#tie}}tie{{/tie}}</td><td>{{status}}{{#strand}} ({{strand}}){{/strand}}</td></tr>
        {{/page.rows}}
        </tbody>
        </table>
        <nav class="pager" aria-label="Pages of the list">
        {{#page.previous}}<a href="{{page.previous}}" rel="prev">Previous 100</a>{{/page.previous}}
        {{#page.next}}<a href="{{page.next}}" rel="next">Next 100</a>{{/page.next}}
        </nav>
        <p class="actions"><a href="{{page.csv}}">Download these offenders as CSV</a> · <a href="{{page.ineligible}}">Not ranked ({{page.ineligibleCount}})</a></p>
        <h2>Other matrices</h2>
        <ul>{{#page.matrices}}<li><a href="{{value}}"{{#selected}} aria-current="page"{{/selected}}>{{label}}</a></li>{{/page.matrices}}</ul>
        {{/main}}{{/layout}}
        """

    static let ineligible = """
        {{<layout}}{{$main}}
        <p class="facts">{{page.matrix}} · as of {{page.asOf}} · {{page.area}}</p>
        <p><a href="{{page.back}}">Back to the list</a></p>
        <table>
        <caption>Offenders the matrix does not rank, and why</caption>
        <thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Reason</th></tr></thead>
        <tbody>
        {{#page.rows}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{reason}}</td></tr>
        {{/page.rows}}
        {{^page.rows}}<tr><td colspan="3">Every offender is ranked.</td></tr>{{/page.rows}}
        </tbody>
        </table>
        {{/main}}{{/layout}}
        """
}
