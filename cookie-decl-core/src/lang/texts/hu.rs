//! Hungarian: the words of the GDPR's Hungarian text ("hozzájárulás") and
//! of the NAIH ("sütik").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Hu,
    cookies_of: ["működés", "beállítások", "látogatottságmérés", "hirdetés"],
    gpc_start: "Böngészője Global Privacy Control jelzést küld, ezért elutasítottnak tekintjük a sütiket a következő célokra: ",
    gpc_and: " és ",
    gpc_end: ". Ettől függetlenül elfogadhatja őket.",
    choice_none: "Még nem hozott döntést.",
    choice: "Az Ön {date} {time} UTC-kor rögzített választása (azonosító: {id}): elfogadva: {accepted}; elutasítva: {refused}.",
    date: "{y}. {m}. {d}.",
    choice_categories: [
        "szükséges",
        "beállítások",
        "látogatottságmérés",
        "hirdetés és követés",
    ],
    choice_nothing: "semmi",
    embed_intro: "Ezt a tartalmat ({service}) a következő szolgáltató biztosítja: {provider}. ",
    embed_sends: "Megjelenítésekor ez a szolgáltató – {provider} – információkat kapna a látogatásáról.",
    embed_sets: "Megjelenítésekor ez a szolgáltató – {provider} – a következő sütiket helyezhetné el: {cookies}.",
    embed_accept: "A megjelenítéséhez fogadja el a „{category}” célú sütiket: {link}.",
    embed_link: "választásaim kezelése",
    form_refused: [
        "Ezt az űrlapot nem sikerült beolvasni. Térjen vissza az oldalra, és küldje el újra.",
        "Ezt az űrlapot nem a webhely egyik oldaláról küldték el, vagy az oldal túl régi. Töltse be újra az oldalt, és próbálja meg ismét.",
    ],
};
