//! Slovenian: the words of the GDPR's Slovenian text ("privolitev") and
//! of the Informacijski pooblaščenec ("piškotki").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Sl,
    cookies_of: [
        "za delovanje",
        "za nastavitve",
        "za merjenje obiskanosti",
        "za oglaševanje",
    ],
    gpc_start: "Vaš brskalnik pošilja signal »Global Privacy Control«: upoštevamo ga kot zavrnitev piškotkov ",
    gpc_and: " in ",
    gpc_end: ". Kljub temu jih lahko sprejmete.",
    choice_none: "Izbire še niste opravili.",
    choice: "Vaša izbira z dne {date} ob {time} UTC (zapis {id}): sprejeto: {accepted}; zavrnjeno: {refused}.",
    date: "{d}. {m}. {y}",
    choice_categories: [
        "nujni",
        "nastavitve",
        "merjenje obiskanosti",
        "oglaševanje in sledenje",
    ],
    choice_nothing: "nič",
    embed_intro: "To vsebino storitve {service} zagotavlja {provider}. ",
    embed_sends: "Njen prikaz bi ponudniku {provider} posredoval podatke o vašem obisku.",
    embed_sets: "Njen prikaz bi ponudniku {provider} omogočil namestitev naslednjih piškotkov: {cookies}.",
    embed_accept: "Če jo želite prikazati, sprejmite piškotke {category}: {link}.",
    embed_link: "upravljaj moje izbire",
    form_refused: [
        "Tega obrazca ni bilo mogoče prebrati. Vrnite se nazaj na stran in ga pošljite znova.",
        "Ta obrazec ni bil poslan s strani tega spletnega mesta ali pa je stran prestara. Znova naložite stran in poskusite ponovno.",
    ],
};
