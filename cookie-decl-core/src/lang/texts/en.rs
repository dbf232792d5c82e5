//! English: the words of the GDPR's English text for consent, refusal and
//! withdrawal.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::En,
    cookies_of: [
        "necessary",
        "preference",
        "audience measurement",
        "advertising",
    ],
    gpc_start: "Your browser sends the Global Privacy Control signal: we honour it as a refusal of ",
    gpc_and: " and ",
    gpc_end: " cookies. You can still accept them.",
    choice_none: "You have not made a choice yet.",
    choice: "Your choice of {date} at {time} UTC (record {id}): accepted: {accepted}; refused: {refused}.",
    date: "{y}-{m}-{d}",
    choice_categories: [
        "necessary",
        "preferences",
        "audience measurement",
        "advertising and tracking",
    ],
    choice_nothing: "none",
    embed_intro: "This {service} content is provided by {provider}. ",
    embed_sends: "Showing it would send information about your visit to {provider}.",
    embed_sets: "Showing it would let {provider} set these cookies: {cookies}.",
    embed_accept: "To show it, accept {category} cookies: {link}.",
    embed_link: "manage my choices",
    form_refused: [
        "This form could not be read. Go back to the page and send it again.",
        "This form was not sent from a page of this site, or the page is too old. Reload the page and try again.",
    ],
};
