//! Latvian: the words of the GDPR's Latvian text ("piekrišana") and of
//! the Datu valsts inspekcija ("sīkdatnes").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Lv,
    cookies_of: ["darbība", "izvēles", "apmeklējuma mērīšana", "reklāma"],
    gpc_start: "Jūsu pārlūkprogramma sūta signālu Global Privacy Control, tāpēc mēs to uzskatām par atteikumu no sīkdatnēm šādiem nolūkiem: ",
    gpc_and: " un ",
    gpc_end: ". Jūs joprojām varat tās pieņemt.",
    choice_none: "Izvēle vēl nav izdarīta.",
    choice: "Jūsu izvēle {date} plkst. {time} UTC (ieraksts {id}): pieņemts: {accepted}; noraidīts: {refused}.",
    date: "{d}.{m}.{y}.",
    choice_categories: [
        "nepieciešamās",
        "izvēles",
        "apmeklējuma mērīšana",
        "reklāma un izsekošana",
    ],
    choice_nothing: "nekas",
    embed_intro: "Šo saturu ({service}) nodrošina {provider}. ",
    embed_sends: "Ja tas tiktu parādīts, informācija par jūsu apmeklējumu tiktu nosūtīta pakalpojuma sniedzējam {provider}.",
    embed_sets: "Ja tas tiktu parādīts, pakalpojuma sniedzējs {provider} varētu izvietot šādas sīkdatnes: {cookies}.",
    embed_accept: "Lai to parādītu, pieņemiet sīkdatnes nolūkam „{category}“: {link}.",
    embed_link: "pārvaldīt manu izvēli",
    form_refused: [
        "Šo veidlapu nevarēja nolasīt. Atgriezieties lapā un nosūtiet to vēlreiz.",
        "Šī veidlapa netika nosūtīta no šīs vietnes lapas, vai arī lapa ir pārāk veca. Pārlādējiet lapu un mēģiniet vēlreiz.",
    ],
};
