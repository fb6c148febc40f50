extension WebTemplates {
    /// Every page: the protective marking above and below, the navigation the role may use, the
    /// sign-out form, and the page's `main` block.
    static let layout = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{layout.title}} — ppod</title>
        <link rel="stylesheet" href="/ui/assets/ppod.css">
        <script src="/ui/assets/ppod.js" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <div class="marking marking-top">OFFICIAL-SENSITIVE</div>
        <header class="site-header">
        <div class="brand">ppod <span class="brand-sub">Priority offender scheme</span></div>
        {{#layout.signedIn}}
        <nav aria-label="Main">
        <ul class="nav">
        {{#layout.nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>
        {{/layout.nav}}
        </ul>
        </nav>
        <form method="post" action="/ui/sign-out" class="sign-out">
        <input type="hidden" name="_csrf" value="{{layout.formToken}}">
        <span class="who">{{layout.who}} · {{layout.role}} · {{layout.areas}}</span>
        <button type="submit">Sign out</button>
        </form>
        {{/layout.signedIn}}
        </header>
        <main id="main">
        <h1>{{layout.title}}</h1>
        {{$main}}{{/main}}
        </main>
        <footer class="marking marking-bottom">OFFICIAL-SENSITIVE</footer>
        </body>
        </html>

        """

    static let signIn = """
        {{<layout}}{{$main}}
        <p>Paste the token your administrator gave you. ppod exchanges it for a session that ends when you
        sign out, after 30 minutes without use, or after 10 hours.</p>
        {{#page.problem}}<p class="problem" role="alert" id="problem">{{page.problem}}</p>{{/page.problem}}
        <form method="post" action="/ui/sign-in" class="sign-in">
        <input type="hidden" name="_csrf" value="{{page.formToken}}">
        <input type="hidden" name="next" value="{{page.next}}">
        <label for="token">Token</label>
        <input type="password" id="token" name="token" required{{#page.problem}} aria-describedby="problem"{{/page.problem}}>
        <button type="submit">Sign in</button>
        </form>
        {{/main}}{{/layout}}
        """

    static let error = """
        {{<layout}}{{$main}}
        <p class="problem">{{page.message}}</p>
        <p>(HTTP {{page.status}})</p>
        {{#layout.signedIn}}<p><a href="/ui">Back to the start page</a></p>{{/layout.signedIn}}
        {{/main}}{{/layout}}
        """
}
