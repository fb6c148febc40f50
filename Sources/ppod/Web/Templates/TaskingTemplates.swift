extension WebTemplates {
    static let today = """
        {{<layout}}{{$main}}
        <p class="facts">{{page.area}} · {{page.alertCount}} alerts · {{#page.run}}latest run #{{id}} for {{asOf}}, made {{createdAt}} ({{trigger}})<br><span class="digest">rules {{rulesDigest}}</span><br><span class="digest">data {{dataDigest}}</span>{{/page.run}}{{^page.run}}no run made yet{{/page.run}}</p>
        <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        {{#page.severities}}
        <h3 class="severity-{{severity}}">{{heading}}</h3>
        <table class="alerts-table">
        <thead><tr><th scope="col">Offender</th><th scope="col">Name</th><th scope="col">Alert</th><th scope="col">Message</th><th scope="col">Notify</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td>{{#href}}<a href="{{href}}">{{offender}}</a>{{/href}}{{^href}}{{offender}}{{/href}}</td><td>{{name}}</td><td>{{alert}}</td><td>{{message}}</td><td>{{notify}}</td></tr>
        {{/rows}}
        {{^rows}}<tr><td colspan="5">None.</td></tr>{{/rows}}
        </tbody>
        </table>
        {{/page.severities}}
        </section>
        <section aria-labelledby="duties-heading">
        <h2 id="duties-heading">Premium Service: breached, and due within {{page.dueSoonDays}} days</h2>
        {{#page.checklists}}
        <h3>{{name}}</h3>
        {{#owners}}
        <h4>{{owner}}: {{breached}} breached, {{dueSoon}} due soon</h4>
        <table>
        <thead><tr><th scope="col">Offender</th><th scope="col">Name</th><th scope="col">Case</th><th scope="col">Duty</th><th scope="col">Status</th><th scope="col">Due</th><th scope="col">Days</th></tr></thead>
        <tbody>
        {{#rows}}<tr{{#breached}} class="breached"{{/breached}}><td>{{#href}}<a href="{{href}}">{{offender}}</a>{{/href}}{{^href}}{{offender}}{{/href}}</td><td>{{name}}</td><td>{{caseID}}</td><td>{{rule}}</td><td>{{status}}</td><td>{{due}}</td><td>{{days}}</td></tr>
        {{/rows}}
        {{^rows}}<tr><td colspan="7">None.</td></tr>{{/rows}}
        </tbody>
        </table>
        {{/owners}}
        {{/page.checklists}}
        </section>
        {{/main}}{{/layout}}
        """

    static let premiumService = """
        {{<layout}}{{$main}}
        <p class="facts">{{page.checklist}} · as of {{page.asOf}} · {{page.area}}<br><span class="digest">rules {{page.rulesDigest}}</span><br><span class="digest">data {{page.dataDigest}}</span></p>
        <form method="get" action="/ui/premium-service" class="filters" aria-label="Choose the checklist and agency">
        {{#page.hasAreas}}<div class="field"><label for="area">Area</label>
        <select id="area" name="area">{{#page.areas}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.areas}}</select></div>{{/page.hasAreas}}
        <div class="field"><label for="checklist">Checklist</label>
        <select id="checklist" name="checklist">{{#page.checklists}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.checklists}}</select></div>
        <div class="field"><label for="owner">Agency</label>
        <select id="owner" name="owner"><option value="">Every agency</option>{{#page.owners}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/page.owners}}</select></div>
        <div class="field"><button type="submit">Show</button></div>
        </form>
        <table id="summary">
        <caption>Duties per agency</caption>
        <thead><tr><th scope="col">Agency</th><th scope="col" class="num">Met</th><th scope="col" class="num">Pending</th><th scope="col" class="num">Breached</th><th scope="col" class="num">Compliance</th></tr></thead>
        <tbody>
        {{#page.summary}}<tr><th scope="row">{{owner}}</th><td class="num">{{met}}</td><td class="num">{{pending}}</td><td class="num">{{breached}}</td><td class="num">{{compliance}}</td></tr>
        {{/page.summary}}
        </tbody>
        </table>
        <h2>Breached</h2>
        <table id="breached">
        <thead><tr><th scope="col">Offender</th><th scope="col">Name</th><th scope="col">Case</th><th scope="col">Duty</th><th scope="col">Agency</th><th scope="col">Due</th><th scope="col">Days late</th></tr></thead>
        <tbody>
        {{#page.breached}}<tr class="breached"><td>{{#href}}<a href="{{href}}">{{offender}}</a>{{/href}}{{^href}}{{offender}}{{/href}}</td><td>{{name}}</td><td>{{caseID}}</td><td>{{rule}}</td><td>{{owner}}</td><td>{{due}}</td><td>{{days}}</td></tr>
        {{/page.breached}}
        {{^page.breached}}<tr><td colspan="7">No duty is breached.</td></tr>{{/page.breached}}
        </tbody>
        </table>
        <h2>Pending</h2>
        <table id="pending">
        <thead><tr><th scope="col">Offender</th><th scope="col">Name</th><th scope="col">Case</th><th scope="col">Duty</th><th scope="col">Agency</th><th scope="col">Due</th><th scope="col">Days left</th></tr></thead>
        <tbody>
        {{#page.pending}}<tr><td>{{#href}}<a href="{{href}}">{{offender}}</a>{{/href}}{{^href}}{{offender}}{{/href}}</td><td>{{name}}</td><td>{{caseID}}</td><td>{{rule}}</td><td>{{owner}}</td><td>{{due}}</td><td>{{days}}</td></tr>
        {{/page.pending}}
        {{^page.pending}}<tr><td colspan="7">No duty is pending.</td></tr>{{/page.pending}}
        </tbody>
        </table>
        <h2>Compliance per month</h2>
        <table id="periods">
        <caption>Met and breached duties by the month they fell due</caption>
        <thead><tr><th scope="col">Month</th><th scope="col">Agency</th><th scope="col" class="num">Met</th><th scope="col" class="num">Breached</th><th scope="col" class="num">Compliance</th></tr></thead>
        <tbody>
        {{#page.periods}}<tr><td>{{month}}</td><td>{{owner}}</td><td class="num">{{met}}</td><td class="num">{{breached}}</td><td class="num">{{compliance}}</td></tr>
        {{/page.periods}}
        </tbody>
        </table>
        {{/main}}{{/layout}}
        """
}
