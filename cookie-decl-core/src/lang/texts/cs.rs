//! Czech: the words of the GDPR's Czech text ("souhlas") and of the ÚOOÚ
//! ("soubory cookie").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Cs,
    cookies_of: [
        "pro fungování",
        "pro uložení preferencí",
        "pro měření návštěvnosti",
        "pro reklamu",
    ],
    gpc_start: "Váš prohlížeč odesílá signál Global Privacy Control: respektujeme jej jako odmítnutí souborů cookie ",
    gpc_and: " a ",
    gpc_end: ". Přesto je můžete přijmout.",
    choice_none: "Zatím jste neprovedli žádnou volbu.",
    choice: "Vaše volba ze dne {date} v {time} UTC (záznam {id}): přijato: {accepted}; odmítnuto: {refused}.",
    date: "{d}. {m}. {y}",
    choice_categories: [
        "nezbytné",
        "preference",
        "měření návštěvnosti",
        "reklama a sledování",
    ],
    choice_nothing: "nic",
    embed_intro: "Tento obsah služby {service} poskytuje {provider}. ",
    embed_sends: "Jeho zobrazením by se poskytovateli {provider} předaly informace o vaší návštěvě.",
    embed_sets: "Jeho zobrazením by poskytovatel {provider} mohl uložit tyto soubory cookie: {cookies}.",
    embed_accept: "Chcete-li jej zobrazit, přijměte soubory cookie {category}: {link}.",
    embed_link: "spravovat moje volby",
    form_refused: [
        "Tento formulář se nepodařilo přečíst. Vraťte se na stránku a odešlete jej znovu.",
        "Tento formulář nebyl odeslán ze stránky tohoto webu, nebo je stránka příliš stará. Načtěte stránku znovu a zkuste to ještě jednou.",
    ],
};
