//! Bulgarian: the words of the GDPR's Bulgarian text ("съгласие") and of
//! the Commission for Personal Data Protection ("бисквитки").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Bg,
    cookies_of: [
        "за функциониране",
        "за предпочитания",
        "за измерване на посещаемостта",
        "за реклама",
    ],
    gpc_start: "Вашият браузър изпраща сигнала Global Privacy Control: зачитаме го като отказ от бисквитки ",
    gpc_and: " и ",
    gpc_end: ". Въпреки това можете да ги приемете.",
    choice_none: "Все още не сте направили избор.",
    choice: "Вашият избор от {date} в {time} UTC (запис {id}): приети: {accepted}; отхвърлени: {refused}.",
    date: "{d}.{m}.{y}",
    choice_categories: [
        "необходими",
        "предпочитания",
        "измерване на посещаемостта",
        "реклама и проследяване",
    ],
    choice_nothing: "нищо",
    embed_intro: "Това съдържание от {service} се предоставя от {provider}. ",
    embed_sends: "Показването му би изпратило информация за посещението ви до {provider}.",
    embed_sets: "Показването му би позволило на {provider} да постави следните бисквитки: {cookies}.",
    embed_accept: "За да го покажете, приемете бисквитките {category}: {link}.",
    embed_link: "управление на избора ми",
    form_refused: [
        "Този формуляр не можа да бъде прочетен. Върнете се на страницата и го изпратете отново.",
        "Този формуляр не е изпратен от страница на този сайт или страницата е твърде стара. Презаредете страницата и опитайте отново.",
    ],
};
