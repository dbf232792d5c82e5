//! Danish: the words of the GDPR's Danish text ("samtykke", "tilbagekalde")
//! and of Datatilsynet ("Accepter alle", "Afvis alle", "nødvendige
//! cookies", "statistiske cookies").

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Da,
    charte: Charte {
        title: "Cookiepolitik",
        intro: "For at give dig den bedst mulige service bruger vi cookies, der sikrer, at den fungerer korrekt.",
        what_heading: "Hvad er en cookie?",
        what: "En »cookie« er en række oplysninger, som regel af beskeden størrelse og identificeret ved et navn, som et websted, du opretter forbindelse til, kan sende til din browser. Din browser gemmer den i et vist tidsrum og sender den tilbage til webserveren, hver gang du opretter forbindelse igen. Cookies har mange anvendelser: De kan huske dit kunde-id i en webshop, det aktuelle indhold af din indkøbskurv, et id, der bruges til at spore din browsing til statistiske formål eller reklameformål osv.",
        kinds: "Der findes flere typer cookies:",
        kinds_list: [
            "»Nødvendige« førstepartscookies gemmer oplysninger mellem to besøg på samme websted på samme enhed. De gemmer f.eks. en indkøbskurv, loginoplysninger eller indstillinger for brugerfladen. De kræver ikke brugerens samtykke.",
            "»Statistiske« cookies følger en besøgendes handlinger på et websted. Når statistikken er anonym (dvs. ikke gør det muligt at identificere en person), er brugerens samtykke ikke nødvendigt.",
            "»Interne« cookies eller »førstepartscookies« sættes af det besøgte websted. De kan sættes ud over de nødvendige cookies og kan bruges til at indsamle personoplysninger, følge brugerens adfærd og til reklameformål.",
            "Såkaldte »tredjepartscookies« sættes af (eller for) et websted B (ofte et reklamenetværk) på et websted A: Det giver websted B mulighed for at se, hvilke sider på websted A en bruger har besøgt, og indsamle oplysninger om vedkommende.",
        ],
        usage_heading: "Hvad cookies bruges til på platformen ",
        categories: [
            "Cookies, der er nødvendige for platformens funktion / funktionelle cookies",
            "Præferencecookies til tilpasning af platformen / personaliseringscookies",
            "Cookies til måling af platformens besøgstal / statistiske cookies",
            "Reklame- og sporingscookies på platformen / marketingcookies",
        ],
        columns: [
            "Udbyder",
            "Tjeneste og placering",
            "Cookiens navn",
            "Formål",
            "Opbevaringsperiode",
            "Samtykke påkrævet",
        ],
        consent: ["Nej (undtaget)", "Ja"],
        contact: "Spørgsmål om denne politik kan rettes til: ",
    },
    forms: Forms {
        title: "Dine valg vedrørende cookies",
        text_start: "Platformen ",
        text_consent: " bruger cookies, der er nødvendige for dens funktion, og med dit samtykke cookies til ",
        text_end: ". Du kan acceptere alle, afvise alle eller vælge efter formål og til enhver tid ændre dit valg på siden »Administrer cookies«.",
        text_no_consent: " bruger kun cookies, der er nødvendige for dens funktion, og som ikke kræver dit samtykke.",
        in_sentence: [
            "funktion",
            "præferencer",
            "måling af besøgstal",
            "reklame og sporing",
        ],
        and: " og ",
        exempt: "Følgende cookies til måling af besøgstal er undtaget fra samtykke (anonym statistik, ingen sporing på andre websteder): ",
        charte_link: "Læs cookiepolitikken",
        preferences_link: "Administrer cookies",
        accept_all: "Accepter alle",
        refuse_all: "Afvis alle",
        customise: "Indstillinger",
        save: "Gem mine valg",
        preferences_title: "Administrer cookies",
        legend: "Formål",
        labels: [
            "Nødvendige cookies",
            "Præferencecookies",
            "Cookies til måling af besøgstal",
            "Reklame- og sporingscookies",
        ],
        descriptions: [
            "Uundværlige for platformens funktion: De kræver ikke dit samtykke.",
            "De husker dine visningsvalg ud over det, som tjenesten kræver.",
            "De måler platformens besøgstal.",
            "De følger din browsing, også på andre websteder, til reklameformål.",
        ],
        always_on: " (altid aktive)",
        exempt_note: "Undtaget fra samtykke: ",
        services: "Tredjepartstjenester: ",
        colon: ": ",
    },
    tags: Tags {
        heading: "Tredjepartsscripts og indlejret indhold, der sætter disse cookies",
        columns: [
            "Udbyder",
            "Tjeneste",
            "Type",
            "Kategori",
            "Cookies, der sættes",
        ],
        kinds: ["Script", "Indlejret indhold"],
        categories: ["Nødvendige", "Præferencer", "Statistik", "Marketing"],
        none: "Ingen",
        other_heading: "Cookies, der sættes på anden måde",
        other_columns: ["Cookiens navn", "Sat af"],
    },
    lifetime: Lifetimes {
        session: "Session",
        plural: Plural::One,
        units: [
            &["sekund", "sekunder"],
            &["minut", "minutter"],
            &["time", "timer"],
            &["dag", "dage"],
            &["uge", "uger"],
            &["måned", "måneder"],
            &["år", "år"],
        ],
    },
};
