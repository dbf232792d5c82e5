//! Croatian: the words of the GDPR's Croatian text ("privola") and of the
//! AZOP ("kolačići").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Hr,
    cookies_of: [
        "za rad",
        "za postavke",
        "za mjerenje posjećenosti",
        "za oglašavanje",
    ],
    gpc_start: "Vaš preglednik šalje signal „Global Privacy Control”: poštujemo ga kao odbijanje kolačića ",
    gpc_and: " i ",
    gpc_end: ". Ipak ih možete prihvatiti.",
    choice_none: "Još niste odabrali.",
    choice: "Vaš odabir od {date} u {time} UTC (zapis {id}): prihvaćeno: {accepted}; odbijeno: {refused}.",
    date: "{d}. {m}. {y}.",
    choice_categories: [
        "nužni",
        "postavke",
        "mjerenje posjećenosti",
        "oglašavanje i praćenje",
    ],
    choice_nothing: "ništa",
    embed_intro: "Ovaj sadržaj usluge {service} pruža {provider}. ",
    embed_sends: "Njegovim prikazom pružatelju {provider} poslali bi se podaci o vašem posjetu.",
    embed_sets: "Njegovim prikazom pružatelj {provider} mogao bi postaviti sljedeće kolačiće: {cookies}.",
    embed_accept: "Za prikaz prihvatite kolačiće {category}: {link}.",
    embed_link: "upravljanje mojim odabirima",
    form_refused: [
        "Ovaj obrazac nije bilo moguće pročitati. Vratite se na stranicu i pošaljite ga ponovno.",
        "Ovaj obrazac nije poslan sa stranice ove web-lokacije ili je stranica prestara. Ponovno učitajte stranicu i pokušajte opet.",
    ],
};
