//! Finnish: the words of the GDPR's Finnish text ("suostumus") and of
//! Traficom and the Data Protection Ombudsman ("evästeet").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Fi,
    cookies_of: ["toiminta", "asetukset", "kävijämäärien mittaus", "mainonta"],
    gpc_start: "Selaimesi lähettää Global Privacy Control -signaalin, jonka tulkitsemme kieltäytymiseksi evästeistä seuraaviin käyttötarkoituksiin: ",
    gpc_and: " ja ",
    gpc_end: ". Voit silti hyväksyä ne.",
    choice_none: "Et ole vielä tehnyt valintaa.",
    choice: "Valintasi {date} klo {time} UTC (tallenne {id}): hyväksytty: {accepted}; hylätty: {refused}.",
    date: "{d}.{m}.{y}",
    choice_categories: [
        "välttämättömät",
        "asetukset",
        "kävijämäärien mittaus",
        "mainonta ja seuranta",
    ],
    choice_nothing: "ei mitään",
    embed_intro: "Tämän sisällön ({service}) tarjoaa {provider}. ",
    embed_sends: "Sen näyttäminen lähettäisi tietoja käynnistäsi palveluntarjoajalle {provider}.",
    embed_sets: "Sen näyttäminen antaisi palveluntarjoajalle {provider} mahdollisuuden asettaa seuraavat evästeet: {cookies}.",
    embed_accept: "Jos haluat nähdä sisällön, hyväksy evästeet käyttötarkoitukseen ”{category}”: {link}.",
    embed_link: "hallitse valintojani",
    form_refused: [
        "Lomaketta ei voitu lukea. Palaa sivulle ja lähetä se uudelleen.",
        "Lomaketta ei lähetetty tämän sivuston sivulta, tai sivu on liian vanha. Lataa sivu uudelleen ja yritä uudestaan.",
    ],
};
