//! Dutch: the words of the GDPR's Dutch text ("toestemming") and of the
//! Autoriteit Persoonsgegevens.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Nl,
    cookies_of: [
        "voor de werking",
        "voor voorkeuren",
        "voor bezoekersmetingen",
        "voor advertenties",
    ],
    gpc_start: "Uw browser verstuurt het signaal Global Privacy Control: wij beschouwen dit als een weigering van cookies ",
    gpc_and: " en ",
    gpc_end: ". U kunt ze toch accepteren.",
    choice_none: "U hebt nog geen keuze gemaakt.",
    choice: "Uw keuze van {date} om {time} UTC (registratie {id}): geaccepteerd: {accepted}; geweigerd: {refused}.",
    date: "{d}-{m}-{y}",
    choice_categories: [
        "noodzakelijk",
        "voorkeuren",
        "bezoekersmetingen",
        "advertenties en tracking",
    ],
    choice_nothing: "geen",
    embed_intro: "Deze inhoud van {service} wordt geleverd door {provider}. ",
    embed_sends: "Als deze wordt getoond, wordt informatie over uw bezoek naar {provider} verstuurd.",
    embed_sets: "Als deze wordt getoond, kan {provider} de volgende cookies plaatsen: {cookies}.",
    embed_accept: "Accepteer de cookies {category} om deze inhoud te tonen: {link}.",
    embed_link: "mijn keuzes beheren",
    form_refused: [
        "Dit formulier kon niet worden gelezen. Ga terug naar de pagina en verstuur het opnieuw.",
        "Dit formulier is niet verstuurd vanaf een pagina van deze website, of de pagina is te oud. Laad de pagina opnieuw en probeer het nog eens.",
    ],
};
