//! Maltese: the words of the GDPR's Maltese text ("kunsens", "jirtira l-
//! kunsens") and of the Information and Data Protection Commissioner
//! ("cookies", "Aċċetta kollox", "Irrifjuta kollox").

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Mt,
    charte: Charte {
        title: "Politika dwar il-cookies",
        intro: "Biex noffrulek l-aħjar servizz possibbli, nużaw cookies li jiżguraw li jaħdem sew.",
        what_heading: "X’inhu cookie?",
        what: "“Cookie” hija sensiela ta’ informazzjoni, ġeneralment żgħira u identifikata b’isem, li sit web li tikkonnettja miegħu jista’ jibgħat lill-brawżer tiegħek. Il-brawżer tiegħek iżommha għal ċertu żmien u jibgħatha lura lis-server tal-web kull darba li terġa’ tikkonnettja miegħu. Il-cookies għandhom ħafna użi: jistgħu jiftakru l-identifikatur tiegħek ta’ klijent f’sit tax-xiri, il-kontenut attwali tal-basket tax-xiri tiegħek, identifikatur li jippermetti li n-navigazzjoni tiegħek tiġi segwita għal finijiet statistiċi jew ta’ reklamar, eċċ.",
        kinds: "Hemm diversi tipi ta’ cookies:",
        kinds_list: [
            "Il-cookies “meħtieġa” tal-ewwel parti jaħżnu informazzjoni bejn żewġ żjarat fl-istess sit web fuq l-istess apparat. Jaħżnu, pereżempju, basket tax-xiri, id-dettalji tad-dħul jew il-personalizzazzjoni tal-interfaċċa. Ma jeħtiġux il-kunsens tal-utent.",
            "Il-cookies “statistiċi” isegwu l-azzjonijiet ta’ viżitatur f’sit web. Meta l-istatistika tkun anonima (jiġifieri ma tippermettix li persuna tiġi identifikata), il-kunsens tal-utent mhuwiex meħtieġ.",
            "Il-cookies “interni” jew “tal-ewwel parti” jitqiegħdu mis-sit miżjur. Jistgħu jitqiegħdu flimkien mal-cookies meħtieġa u jintużaw biex tinġabar data personali, biex tiġi segwita l-imġiba tal-utent u għal finijiet ta’ reklamar.",
            "L-hekk imsejħa cookies “ta’ partijiet terzi” jitqiegħdu minn (jew għal) sit B (ħafna drabi netwerk ta’ reklamar) fuq sit A: b’hekk is-sit B jista’ jara liema paġni tas-sit A żar utent u jiġbor informazzjoni dwaru.",
        ],
        usage_heading: "Għal xiex jintużaw il-cookies fuq il-pjattaforma ",
        categories: [
            "Cookies meħtieġa biex taħdem il-pjattaforma / cookies funzjonali",
            "Cookies tal-preferenzi li jippersonalizzaw il-pjattaforma / cookies ta’ personalizzazzjoni",
            "Cookies għall-kejl tal-udjenza tal-pjattaforma / cookies statistiċi",
            "Cookies ta’ reklamar u ta’ traċċar fuq il-pjattaforma / cookies tal-kummerċjalizzazzjoni",
        ],
        columns: [
            "Fornitur",
            "Servizz u post",
            "Isem il-cookie",
            "Finijiet",
            "Perjodu ta’ żamma",
            "Meħtieġ il-kunsens",
        ],
        consent: ["Le (eżentat)", "Iva"],
        contact: "Għal kwalunkwe mistoqsija dwar din il-politika: ",
    },
    forms: Forms {
        title: "L-għażliet tiegħek dwar il-cookies",
        text_start: "Il-pjattaforma ",
        text_consent: " tuża cookies meħtieġa biex taħdem u, bil-kunsens tiegħek, cookies ",
        text_end: ". Tista’ taċċetta kollox, tirrifjuta kollox jew tagħżel skont l-għan, u tbiddel fehmtek fi kwalunkwe ħin mill-paġna “Immaniġġja l-cookies”.",
        text_no_consent: " tuża biss cookies meħtieġa biex taħdem, li ma jeħtiġux il-kunsens tiegħek.",
        in_sentence: [
            "meħtieġa",
            "tal-preferenzi",
            "għall-kejl tal-udjenza",
            "ta’ reklamar u ta’ traċċar",
        ],
        and: " u ",
        exempt: "Il-cookies li ġejjin għall-kejl tal-udjenza huma eżentati mill-kunsens (statistika anonima, l-ebda traċċar fuq siti oħra): ",
        charte_link: "Aqra l-politika dwar il-cookies",
        preferences_link: "Immaniġġja l-cookies",
        accept_all: "Aċċetta kollox",
        refuse_all: "Irrifjuta kollox",
        customise: "Ippersonalizza",
        save: "Salva l-għażliet tiegħi",
        preferences_title: "Immaniġġja l-cookies",
        legend: "Finijiet",
        labels: [
            "Cookies meħtieġa",
            "Cookies tal-preferenzi",
            "Cookies għall-kejl tal-udjenza",
            "Cookies ta’ reklamar u ta’ traċċar",
        ],
        descriptions: [
            "Essenzjali biex taħdem il-pjattaforma: ma jeħtiġux il-kunsens tiegħek.",
            "Jiftakru l-għażliet tal-wiri tiegħek lil hinn minn dak li jeħtieġ is-servizz.",
            "Ikejlu l-udjenza tal-pjattaforma.",
            "Isegwu n-navigazzjoni tiegħek, anke fuq siti oħra, għal finijiet ta’ reklamar.",
        ],
        always_on: " (dejjem attivi)",
        exempt_note: "Eżentati mill-kunsens: ",
        services: "Servizzi ta’ partijiet terzi: ",
        colon: ": ",
    },
    tags: Tags {
        heading: "Skripts u kontenut integrat ta’ partijiet terzi li jqiegħdu dawn il-cookies",
        columns: [
            "Fornitur",
            "Servizz",
            "Tip",
            "Kategorija",
            "Cookies li jitqiegħdu",
        ],
        kinds: ["Skript", "Kontenut integrat"],
        categories: [
            "Meħtieġa",
            "Preferenzi",
            "Statistika",
            "Kummerċjalizzazzjoni",
        ],
        none: "Xejn",
        other_heading: "Cookies imqiegħda b’mezzi oħra",
        other_columns: ["Isem il-cookie", "Imqiegħed minn"],
    },
    // From 11 on, a Maltese noun after a number is singular again.
    lifetime: Lifetimes {
        session: "Sessjoni",
        plural: Plural::Maltese,
        units: [
            &["sekonda", "sekondi", "sekonda", "sekonda"],
            &["minuta", "minuti", "minuta", "minuta"],
            &["siegħa", "sigħat", "siegħa", "siegħa"],
            &["jum", "jiem", "jum", "jum"],
            &["ġimgħa", "ġimgħat", "ġimgħa", "ġimgħa"],
            &["xahar", "xhur", "xahar", "xahar"],
            &["sena", "snin", "sena", "sena"],
        ],
    },
};
