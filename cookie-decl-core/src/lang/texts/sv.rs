//! Swedish: the words of the GDPR's Swedish text ("samtycke") and of IMY
//! and PTS ("kakor").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Sv,
    cookies_of: [
        "för plattformens funktion",
        "för preferenser",
        "för besöksmätning",
        "för reklam",
    ],
    gpc_start: "Din webbläsare skickar signalen Global Privacy Control: vi respekterar den som ett avvisande av kakor ",
    gpc_and: " och ",
    gpc_end: ". Det går fortfarande att acceptera dem.",
    choice_none: "Du har inte gjort något val ännu.",
    choice: "Ditt val {date} kl. {time} UTC (referens {id}): accepterat: {accepted}; avvisat: {refused}.",
    date: "{y}-{m}-{d}",
    choice_categories: [
        "nödvändiga",
        "preferenser",
        "besöksmätning",
        "reklam och spårning",
    ],
    choice_nothing: "inga",
    embed_intro: "Det här innehållet från {service} tillhandahålls av {provider}. ",
    embed_sends: "Om det visas skickas information om ditt besök till {provider}.",
    embed_sets: "Om det visas kan {provider} sätta följande kakor: {cookies}.",
    embed_accept: "Visa det genom att acceptera kakor {category}: {link}.",
    embed_link: "hantera mina val",
    form_refused: [
        "Formuläret kunde inte läsas. Gå tillbaka till sidan och skicka det igen.",
        "Formuläret skickades inte från en sida på den här webbplatsen, eller så är sidan för gammal. Läs in sidan igen och försök på nytt.",
    ],
};
