//! Hungarian: the words of the GDPR's Hungarian text ("hozzájárulás",
//! "a hozzájárulás visszavonása") and of the NAIH ("sütik", "Összes
//! elfogadása", "Összes elutasítása").

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Hu,
    charte: Charte {
        title: "Sütikezelési tájékoztató",
        intro: "Annak érdekében, hogy a lehető legjobb szolgáltatást nyújtsuk Önnek, sütiket használunk, amelyek biztosítják annak megfelelő működését.",
        what_heading: "Mi az a süti?",
        what: "A „süti” egy általában kis méretű, névvel azonosított információsor, amelyet egy weboldal, amelyhez Ön csatlakozik, elküldhet a böngészőjének. A böngésző egy ideig megőrzi, és minden alkalommal visszaküldi a webszervernek, amikor Ön újra csatlakozik hozzá. A sütiknek számos felhasználási módja van: megjegyezhetik például az Ön ügyfélazonosítóját egy webáruházban, a kosara aktuális tartalmát vagy egy olyan azonosítót, amellyel a böngészése statisztikai vagy reklámcélokból nyomon követhető.",
        kinds: "A sütiknek több típusa létezik:",
        kinds_list: [
            "A „szükséges” belső sütik két látogatás között tárolnak információkat ugyanazon a weboldalon, ugyanarról az eszközről. Tárolhatnak például bevásárlókosarat, bejelentkezési adatokat vagy a felület személyre szabási beállításait. Nem igényelnek felhasználói hozzájárulást.",
            "A „statisztikai” sütik a látogató műveleteit követik nyomon egy weboldalon. Ha a statisztika anonim (vagyis nem teszi lehetővé egy személy azonosítását), nincs szükség a felhasználó hozzájárulására.",
            "A „belső” vagy „első féltől származó” sütiket a meglátogatott oldal helyezi el. Ezek a szükséges sütik mellett is elhelyezhetők, és felhasználhatók személyes adatok gyűjtésére, a felhasználó viselkedésének nyomon követésére és reklámcélokra.",
            "Az úgynevezett „harmadik féltől származó” sütiket egy B oldal (gyakran egy hirdetési hálózat) vagy annak megbízásából más helyezi el egy A oldalon: így a B oldal láthatja, hogy a felhasználó az A oldal mely lapjait kereste fel, és információkat gyűjthet róla.",
        ],
        usage_heading: "Sütik használata a következő platformon: ",
        categories: [
            "A platform működéséhez szükséges sütik / funkcionális sütik",
            "A platform személyre szabását szolgáló beállítási sütik / személyre szabási sütik",
            "A platform látogatottságát mérő sütik / statisztikai sütik",
            "Hirdetési és követő sütik a platformon / marketingsütik",
        ],
        columns: [
            "Szolgáltató",
            "Szolgáltatás és hely",
            "Süti neve",
            "Célok",
            "Megőrzési idő",
            "Hozzájárulás szükséges",
        ],
        consent: ["Nem (mentesül)", "Igen"],
        contact: "A tájékoztatóval kapcsolatos kérdéseivel forduljon ide: ",
    },
    forms: Forms {
        title: "Az Ön sütibeállításai",
        text_start: "Ez a platform – ",
        text_consent: " – a működéséhez szükséges sütiket, valamint az Ön hozzájárulásával további sütiket használ a következő célokra: ",
        text_end: ". Elfogadhatja az összeset, elutasíthatja az összeset vagy célonként választhat, és bármikor meggondolhatja magát a „Sütik kezelése” oldalon.",
        text_no_consent: " – csak a működéséhez szükséges sütiket használ, amelyekhez nincs szükség az Ön hozzájárulására.",
        in_sentence: [
            "működés",
            "beállítások",
            "látogatottságmérés",
            "hirdetés és követés",
        ],
        and: " és ",
        exempt: "Az alábbi látogatottságmérő sütik mentesülnek a hozzájárulás alól (anonim statisztika, más oldalakon nincs követés): ",
        charte_link: "A sütikezelési tájékoztató megtekintése",
        preferences_link: "Sütik kezelése",
        accept_all: "Összes elfogadása",
        refuse_all: "Összes elutasítása",
        customise: "Beállítások",
        save: "Választásaim mentése",
        preferences_title: "Sütik kezelése",
        legend: "Célok",
        labels: [
            "Szükséges sütik",
            "Beállítási sütik",
            "Látogatottságmérő sütik",
            "Hirdetési és követő sütik",
        ],
        descriptions: [
            "A platform működéséhez nélkülözhetetlenek: nem igénylik az Ön hozzájárulását.",
            "Megjegyzik az Ön megjelenítési beállításait azon túl is, amit a szolgáltatás megkövetel.",
            "Mérik a platform látogatottságát.",
            "Reklámcélból követik az Ön böngészését, más oldalakon is.",
        ],
        always_on: " (mindig aktív)",
        exempt_note: "Mentesülnek a hozzájárulás alól: ",
        services: "Harmadik felek szolgáltatásai: ",
        colon: ": ",
    },
    tags: Tags {
        heading: "Harmadik felek szkriptjei és beágyazott tartalmai, amelyek ezeket a sütiket elhelyezik",
        columns: [
            "Szolgáltató",
            "Szolgáltatás",
            "Típus",
            "Kategória",
            "Elhelyezett sütik",
        ],
        kinds: ["Szkript", "Beágyazott tartalom"],
        categories: ["Szükséges", "Beállítások", "Statisztika", "Marketing"],
        none: "Nincs",
        other_heading: "Más módon elhelyezett sütik",
        other_columns: ["Süti neve", "Elhelyezi"],
    },
    // After a number, a Hungarian noun stays singular: one form each.
    lifetime: Lifetimes {
        session: "Munkamenet",
        plural: Plural::One,
        units: [
            &["másodperc"],
            &["perc"],
            &["óra"],
            &["nap"],
            &["hét"],
            &["hónap"],
            &["év"],
        ],
    },
};
