extension WebTemplates {
    static let rules = """
        {{<layout}}{{$main}}
        <p class="facts">Loaded {{page.loadedAt}}<br><span class="digest">rules {{page.digest}}</span></p>
        {{#page.rejected}}<section class="problem" aria-labelledby="rejected-heading"><h2 id="rejected-heading">An edit was refused at {{page.rejectedAt}}</h2>
        <p>The rules below stay in force until the files are corrected.</p>
        <pre>{{page.rejected}}</pre></section>{{/page.rejected}}
        {{#page.diagnostics}}<h2>Warnings</h2><pre>{{page.diagnostics}}</pre>{{/page.diagnostics}}
        <h2>Matrices</h2>
        {{#page.matrices}}
        <h3>{{name}} <span class="muted">version {{version}}</span></h3>
        <p>Window {{window}} · capacity {{capacity}} · evidence {{evidence}}<br>Weighting: {{weighting}}<br>Tiers: {{tiers}}</p>
        <table class="points">
        <caption>Points per offence: {{name}}</caption>
        <thead><tr><th scope="col">Category</th><th scope="col" class="num">Points</th><th scope="col" class="num">Series</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row">{{label}}</th><td class="num">{{points}}</td><td class="num">{{series}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        <p>Factors: {{#factors}}<span class="tag">{{.}}</span> {{/factors}}</p>
        {{/page.matrices}}
        <h2>Checklists and alerts</h2>
        <ul>{{#page.checklists}}<li>Checklist: {{.}}</li>{{/page.checklists}}{{#page.alerts}}<li>Alerts: {{.}}</li>{{/page.alerts}}</ul>
        <h2>Files</h2>
        <ul>{{#page.files}}<li><a href="#{{anchor}}">{{path}}</a></li>{{/page.files}}</ul>
        {{#page.files}}
        <h3 id="{{anchor}}">{{path}}</h3>
        <pre class="source" tabindex="0">{{text}}</pre>
        {{/page.files}}
        {{/main}}{{/layout}}
        """

    static let runs = """
        {{<layout}}{{$main}}
        <table>
        <caption>The latest runs: each keeps its lists, with the rules and data it was made from</caption>
        <thead><tr><th scope="col">Run</th><th scope="col">As of</th><th scope="col">Made</th><th scope="col">How</th><th scope="col">By</th><th scope="col" class="num">Offenders</th><th scope="col">Rules</th><th scope="col">Data</th></tr></thead>
        <tbody>
        {{#page.runs}}<tr><td>#{{id}}</td><td>{{asOf}}</td><td>{{createdAt}}</td><td>{{trigger}}</td><td>{{requestedBy}}</td><td class="num">{{offenders}}</td><td class="digest">{{rulesDigest}}</td><td class="digest">{{dataDigest}}</td></tr>
        {{/page.runs}}
        {{^page.runs}}<tr><td colspan="8">No run has been made yet.</td></tr>{{/page.runs}}
        </tbody>
        </table>
        {{/main}}{{/layout}}
        """

    static let audit = """
        {{<layout}}{{$main}}
        <p class="facts">{{#page.intact}}The chain of entries is intact{{/page.intact}}{{^page.intact}}<strong class="problem">The chain of entries is broken</strong>{{/page.intact}} (verified through entry {{page.verifiedThrough}}).</p>
        <form method="get" action="/ui/audit" class="filters" role="search" aria-label="Entries naming an offender">
        <div class="field"><label for="offender">Offender id</label><input type="search" id="offender" name="offender" value="{{page.offender}}"></div>
        <div class="field"><button type="submit">Show</button></div>
        </form>
        <table class="audit">
        <caption>Latest entries first</caption>
        <thead><tr><th scope="col">#</th><th scope="col">At</th><th scope="col">Token</th><th scope="col">Role</th><th scope="col">Request</th><th scope="col" class="num">Status</th><th scope="col">Action</th><th scope="col">Offenders shown</th></tr></thead>
        <tbody>
        {{#page.entries}}<tr><td>{{seq}}</td><td>{{at}}</td><td>{{token}}</td><td>{{role}}</td><td class="path">{{request}}</td><td class="num">{{status}}</td><td>{{action}}</td><td>{{offenders}}</td></tr>
        {{/page.entries}}
        </tbody>
        </table>
        {{#page.earlier}}<nav class="pager" aria-label="Earlier entries"><a href="{{page.earlier}}">Earlier entries</a></nav>{{/page.earlier}}
        {{/main}}{{/layout}}
        """
}
