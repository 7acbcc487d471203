//! The newsletter's own pages (the sign-up page, what a confirmation or unsubscribe link shows, the preferences
//! form) and the privacy notice. The server renders them inside the site's frame; they work without the app.

use broadsheet_content::reads::{COUNTING_ANCHOR, OPT_OUT, OPT_OUT_KEY};
use broadsheet_content::{
    Edition, FieldError, Page, CONFIRM_PATH, NEWSLETTER_PATH, PREFERENCES_PATH, PRIVACY_PATH,
    UNSUBSCRIBE_PATH,
};
use leptos::prelude::*;

use crate::subscribe::{edition_choices, SignupForm, SignupStatus};

/// Which newsletter page, with its data.
#[derive(Debug, Clone, PartialEq)]
pub enum NewsletterMain {
    /// The sign-up page, empty or with what was sent and what was wrong with it.
    Signup {
        email: String,
        editions: Vec<Edition>,
        errors: Vec<FieldError>,
        status: SignupStatus,
    },
    /// A short answer: a heading, what happened, and a link on (`(href, text)`).
    Message {
        title: String,
        text: String,
        link: Option<(String, String)>,
    },
    /// A subscriber's preferences: the editions they receive, and the signed token that names them.
    Preferences {
        token: String,
        editions: Vec<Edition>,
        saved: bool,
    },
    /// The unsubscribe link's page: one button.
    Unsubscribe { token: String },
    /// The confirmation link's page: one button.
    Confirm { token: String },
    /// The privacy notice.
    Privacy,
}

impl NewsletterMain {
    /// The page's `<title>` and description.
    pub fn title(&self) -> &str {
        match self {
            NewsletterMain::Signup { errors, .. } if !errors.is_empty() => {
                "Error: Sign up for our newsletters"
            }
            NewsletterMain::Signup { .. } => "Sign up for our newsletters",
            NewsletterMain::Message { title, .. } => title,
            NewsletterMain::Preferences { .. } => "Your newsletter preferences",
            NewsletterMain::Unsubscribe { .. } => "Unsubscribe",
            NewsletterMain::Confirm { .. } => "Confirm your sign-up",
            NewsletterMain::Privacy => "Privacy notice",
        }
    }
}

/// A hidden field carrying the subscriber's signed token.
fn token_field(token: String) -> impl IntoView {
    view! { <input type="hidden" name="token" value=token/> }
}

/// The main column of a newsletter page.
#[component]
pub fn NewsletterView(main: NewsletterMain) -> impl IntoView {
    let title = main.title().to_string();
    let heading = view! { <h1 tabindex="-1">{title}</h1> };
    let body = match main {
        NewsletterMain::Signup {
            email,
            editions,
            errors,
            status,
        } => view! {
            <p>"Two free newsletters for people who run public services. Choose one or both."</p>
            <SignupForm email=email editions=editions errors=errors status=status/>
        }
        .into_any(),
        NewsletterMain::Message { text, link, .. } => view! {
            <p>{text}</p>
            {link.map(|(href, text)| view! { <p><a href=href rel="external">{text}</a></p> })}
            <p><a href=Page::Front.href()>"Go to the front page"</a></p>
        }
        .into_any(),
        NewsletterMain::Preferences {
            token,
            editions,
            saved,
        } => {
            let choices = edition_choices("prefs", &editions);
            view! {
                {saved.then(|| view! {
                    <div class="form-status" role="status"><p class="success">"Your preferences are saved."</p></div>
                })}
                <form class="signup-form" method="post" action=PREFERENCES_PATH>
                    {token_field(token.clone())}
                    <fieldset class="field editions">
                        <legend>"Send me"</legend>
                        {choices}
                    </fieldset>
                    <p class="hint">"With none ticked you receive nothing, and we keep your address until you unsubscribe."</p>
                    <button type="submit" class="button">"Save preferences"</button>
                </form>
                <h2>"Stop all emails"</h2>
                <form method="post" action=UNSUBSCRIBE_PATH>
                    {token_field(token)}
                    <p>"Unsubscribing deletes your address from our list at once."</p>
                    <button type="submit" class="button">"Unsubscribe from all newsletters"</button>
                </form>
            }
            .into_any()
        }
        NewsletterMain::Unsubscribe { token } => view! {
            <p>"You will get no more newsletters from Broadsheet, and we delete your address from our list."</p>
            <form method="post" action=UNSUBSCRIBE_PATH>
                {token_field(token)}
                <button type="submit" class="button">"Unsubscribe"</button>
            </form>
        }
        .into_any(),
        NewsletterMain::Confirm { token } => view! {
            <p>"One more step: confirm that you want Broadsheet's newsletters at this address."</p>
            <form method="post" action=CONFIRM_PATH>
                {token_field(token)}
                <button type="submit" class="button">"Confirm my subscription"</button>
            </form>
        }
        .into_any(),
        NewsletterMain::Privacy => view! { <PrivacyNotice/> }.into_any(),
    };
    view! { <div class="newsletter-page">{heading}{body}</div> }
}

/// What the sign-up form's consent line links to: what is held, why, for how long, and the reader's rights; and
/// what most read counts, with the reader's choice not to be counted.
#[component]
fn PrivacyNotice() -> impl IntoView {
    view! {
        <p>"This notice covers the newsletters and the most read list. Broadsheet sets no advertising or tracking cookies, and comments need no email address."</p>
        <h2>"What we hold"</h2>
        <ul>
            <li>"Your email address, as you typed it and in a lower-case form we use to match it."</li>
            <li>"Which newsletters you chose, and when you signed up and confirmed."</li>
            <li>"A record of each newsletter sent to you, so that nobody gets one twice."</li>
        </ul>
        <h2>"Why, and on what basis"</h2>
        <p>"To send the newsletters you asked for, on the basis of your consent (UK GDPR Article 6(1)(a), and the Privacy and Electronic Communications Regulations). "
            "We send one email to confirm the address is yours; nothing else goes to it until you confirm."</p>
        <h2>"How long"</h2>
        <ul>
            <li>"An address that is not confirmed within 48 hours is deleted."</li>
            <li>"When you unsubscribe, your address and choices are deleted at once."</li>
        </ul>
        <h2>"Your rights"</h2>
        <p>"Every newsletter has links to change what you receive and to unsubscribe. You may ask for a copy of what we hold, or for it to be deleted, by writing to the editor; we answer within one month."</p>
        <p><a href=NEWSLETTER_PATH rel="external">"Sign up for our newsletters"</a></p>
        <ReadsNotice/>
    }
}

/// Most read: what is counted and kept (`broadsheet_content::reads`), and the choice not to be counted, which
/// `public/privacy.js` shows and keeps on the device (without scripts the app sends no count anyway).
#[component]
fn ReadsNotice() -> impl IntoView {
    view! {
        <h2 id=COUNTING_ANCHOR>"What we count when you read"</h2>
        <p>"To show which articles are most read, the app tells us when you open an article. We count one view per reader, per article, per day, and store only how many views each article had in each hour."</p>
        <p>"To tell a reload from a new reader, we keep a scrambled (hashed) form of your internet address and browser name, mixed with a secret we draw each day and never write down, in memory only, for that day. Then it is gone. We store no cookie, no address and no browser name, and cannot tell who read what."</p>
        <p>"Not counted: search engines and other automated visitors, pages your browser loads ahead without showing them, readers whose browser sends Global Privacy Control, readers who choose so here, and anyone reading with scripts turned off."</p>
        <div class="reads-choice" hidden data-key=OPT_OUT_KEY data-off=OPT_OUT>
            <p class="form-status" role="status"></p>
            <button type="button" class="button">"Do not count my reading"</button>
        </div>
        <script src="/privacy.js" defer></script>
    }
}

/// The footer's newsletter links (server pages, so a full load: `rel="external"` keeps the app's router off).
pub fn footer_links() -> impl IntoView {
    view! {
        <a href=NEWSLETTER_PATH rel="external">"Newsletters"</a>" · "
        <a href=PRIVACY_PATH rel="external">"Privacy notice"</a>
    }
}
