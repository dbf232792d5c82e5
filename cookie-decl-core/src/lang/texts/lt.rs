//! Lithuanian: the words of the GDPR's Lithuanian text ("sutikimas") and
//! of the Valstybinė duomenų apsaugos inspekcija ("slapukai").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Lt,
    cookies_of: ["veikimas", "nuostatos", "lankomumo vertinimas", "reklama"],
    gpc_start: "Jūsų naršyklė siunčia signalą „Global Privacy Control“, todėl laikome, kad atsisakėte slapukų šiais tikslais: ",
    gpc_and: " ir ",
    gpc_end: ". Vis tiek galite su jais sutikti.",
    choice_none: "Dar nepasirinkote.",
    choice: "Jūsų pasirinkimas {date} {time} UTC (įrašas {id}): priimta: {accepted}; atmesta: {refused}.",
    date: "{y}-{m}-{d}",
    choice_categories: [
        "būtinieji",
        "nuostatos",
        "lankomumo vertinimas",
        "reklama ir stebėjimas",
    ],
    choice_nothing: "nieko",
    embed_intro: "Šį turinį ({service}) teikia {provider}. ",
    embed_sends: "Jį parodžius, informacija apie jūsų apsilankymą būtų perduota teikėjui {provider}.",
    embed_sets: "Jį parodžius, teikėjas {provider} galėtų įrašyti šiuos slapukus: {cookies}.",
    embed_accept: "Norėdami jį pamatyti, sutikite su slapukais, naudojamais tikslu „{category}“: {link}.",
    embed_link: "tvarkyti mano pasirinkimus",
    form_refused: [
        "Šios formos nepavyko perskaityti. Grįžkite į puslapį ir išsiųskite ją dar kartą.",
        "Ši forma buvo išsiųsta ne iš šios svetainės puslapio arba puslapis per senas. Įkelkite puslapį iš naujo ir bandykite vėl.",
    ],
};
