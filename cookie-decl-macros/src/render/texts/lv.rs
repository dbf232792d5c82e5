//! Latvian: the words of the GDPR's Latvian text ("piekrišana", "atsaukt
//! piekrišanu") and of the Datu valsts inspekcija ("sīkdatnes", "Pieņemt
//! visas", "Noraidīt visas").

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Lv,
    charte: Charte {
        title: "Sīkdatņu politika",
        intro: "Lai sniegtu jums vislabāko iespējamo pakalpojumu, mēs izmantojam sīkdatnes, kas nodrošina tā pareizu darbību.",
        what_heading: "Kas ir sīkdatne?",
        what: "„Sīkdatne“ ir informācijas virkne, parasti neliela apjoma un identificējama pēc nosaukuma, ko tīmekļa vietne, ar kuru jūs savienojaties, var nosūtīt uz jūsu pārlūkprogrammu. Jūsu tīmekļa pārlūkprogramma to glabā noteiktu laiku un nosūta atpakaļ tīmekļa serverim katru reizi, kad atkal ar to savienojaties. Sīkdatnēm ir daudz lietojumu: tās var izmantot, lai atcerētos jūsu klienta identifikatoru interneta veikalā, pašreizējo iepirkumu groza saturu, identifikatoru, kas ļauj izsekot jūsu pārlūkošanai statistikas vai reklāmas nolūkos, u. c.",
        kinds: "Ir vairāki sīkdatņu veidi:",
        kinds_list: [
            "„Nepieciešamās“ pirmās puses sīkdatnes ļauj saglabāt informāciju starp diviem vienas un tās pašas tīmekļa vietnes apmeklējumiem no vienas un tās pašas ierīces. Tās ļauj saglabāt iepirkumu grozu, pieteikšanās datus vai saskarnes pielāgojumus. Tām nav nepieciešama lietotāja piekrišana.",
            "„Statistikas“ sīkdatnes ļauj izsekot apmeklētāja darbībām tīmekļa vietnē. Ja statistika ir anonīma (t. i., neļauj identificēt personu), lietotāja piekrišana nav nepieciešama.",
            "„Iekšējās“ jeb „pirmās puses“ sīkdatnes izvieto apmeklētā vietne. Tās var izvietot papildus nepieciešamajām sīkdatnēm un izmantot personas datu vākšanai, lietotāja uzvedības izsekošanai un reklāmas nolūkos.",
            "Tā sauktās „trešo pušu“ sīkdatnes vietnē A izvieto vietne B (bieži reklāmas tīkls) vai tās tiek izvietotas tās vārdā: tā vietne B var redzēt, kuras vietnes A lapas lietotājs ir apmeklējis, un vākt par viņu informāciju.",
        ],
        usage_heading: "Kam tiek izmantotas sīkdatnes platformā ",
        categories: [
            "Platformas darbībai nepieciešamās sīkdatnes / funkcionālās sīkdatnes",
            "Izvēļu sīkdatnes platformas personalizēšanai / personalizācijas sīkdatnes",
            "Platformas apmeklējuma mērīšanas sīkdatnes / statistikas sīkdatnes",
            "Reklāmas un izsekošanas sīkdatnes platformā / mārketinga sīkdatnes",
        ],
        columns: [
            "Pakalpojuma sniedzējs",
            "Pakalpojums un atrašanās vieta",
            "Sīkdatnes nosaukums",
            "Nolūki",
            "Glabāšanas laiks",
            "Nepieciešama piekrišana",
        ],
        consent: ["Nē (izņēmums)", "Jā"],
        contact: "Jautājumu gadījumā par šo politiku: ",
    },
    forms: Forms {
        title: "Jūsu izvēle attiecībā uz sīkdatnēm",
        text_start: "Platforma ",
        text_consent: " izmanto savai darbībai nepieciešamās sīkdatnes un ar jūsu piekrišanu arī sīkdatnes šādiem nolūkiem: ",
        text_end: ". Varat pieņemt visas, noraidīt visas vai izvēlēties pēc nolūka un jebkurā laikā mainīt savu izvēli lapā „Sīkdatņu pārvaldība“.",
        text_no_consent: " izmanto tikai savai darbībai nepieciešamās sīkdatnes, kurām nav nepieciešama jūsu piekrišana.",
        in_sentence: [
            "darbība",
            "izvēles",
            "apmeklējuma mērīšana",
            "reklāma un izsekošana",
        ],
        and: " un ",
        exempt: "Šīm apmeklējuma mērīšanas sīkdatnēm piekrišana nav nepieciešama (anonīma statistika, bez izsekošanas citās vietnēs): ",
        charte_link: "Lasīt sīkdatņu politiku",
        preferences_link: "Pārvaldīt sīkdatnes",
        accept_all: "Pieņemt visas",
        refuse_all: "Noraidīt visas",
        customise: "Iestatījumi",
        save: "Saglabāt manu izvēli",
        preferences_title: "Sīkdatņu pārvaldība",
        legend: "Nolūki",
        labels: [
            "Nepieciešamās sīkdatnes",
            "Izvēļu sīkdatnes",
            "Apmeklējuma mērīšanas sīkdatnes",
            "Reklāmas un izsekošanas sīkdatnes",
        ],
        descriptions: [
            "Neaizstājamas platformas darbībai: tām nav nepieciešama jūsu piekrišana.",
            "Tās atceras jūsu attēlojuma izvēles arī tad, ja pakalpojumam tas nav vajadzīgs.",
            "Tās mēra platformas apmeklējumu.",
            "Tās izseko jūsu pārlūkošanai, arī citās vietnēs, reklāmas nolūkos.",
        ],
        always_on: " (vienmēr aktīvas)",
        exempt_note: "Piekrišana nav nepieciešama: ",
        services: "Trešo pušu pakalpojumi: ",
        colon: ": ",
    },
    tags: Tags {
        heading: "Trešo pušu skripti un iegultais saturs, kas izvieto šīs sīkdatnes",
        columns: [
            "Pakalpojuma sniedzējs",
            "Pakalpojums",
            "Veids",
            "Kategorija",
            "Izvietotās sīkdatnes",
        ],
        kinds: ["Skripts", "Iegultais saturs"],
        categories: ["Nepieciešamās", "Izvēles", "Statistika", "Mārketings"],
        none: "Nav",
        other_heading: "Citādi izvietotās sīkdatnes",
        other_columns: ["Sīkdatnes nosaukums", "Izvietotājs"],
    },
    lifetime: Lifetimes {
        session: "Sesija",
        plural: Plural::Latvian,
        units: [
            &["sekunde", "sekundes", "sekundes"],
            &["minūte", "minūtes", "minūtes"],
            &["stunda", "stundas", "stundas"],
            &["diena", "dienas", "dienas"],
            &["nedēļa", "nedēļas", "nedēļas"],
            &["mēnesis", "mēneši", "mēneši"],
            &["gads", "gadi", "gadi"],
        ],
    },
};
