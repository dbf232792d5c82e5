//! Slovak: the words of the GDPR's Slovak text ("súhlas") and of the Úrad
//! na ochranu osobných údajov ("súbory cookie").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Sk,
    cookies_of: [
        "na fungovanie",
        "na uloženie preferencií",
        "na meranie návštevnosti",
        "na reklamu",
    ],
    gpc_start: "Váš prehliadač odosiela signál „Global Privacy Control“: rešpektujeme ho ako odmietnutie súborov cookie ",
    gpc_and: " a ",
    gpc_end: ". Napriek tomu ich môžete prijať.",
    choice_none: "Zatiaľ ste neurobili žiadnu voľbu.",
    choice: "Vaša voľba zo dňa {date} o {time} UTC (záznam {id}): prijaté: {accepted}; odmietnuté: {refused}.",
    date: "{d}. {m}. {y}",
    choice_categories: [
        "nevyhnutné",
        "preferencie",
        "meranie návštevnosti",
        "reklama a sledovanie",
    ],
    choice_nothing: "nič",
    embed_intro: "Tento obsah zo služby {service} poskytuje {provider}. ",
    embed_sends: "Jeho zobrazenie by poskytovateľovi {provider} odoslalo informácie o vašej návšteve.",
    embed_sets: "Jeho zobrazenie by poskytovateľovi {provider} umožnilo uložiť tieto súbory cookie: {cookies}.",
    embed_accept: "Ak ho chcete zobraziť, prijmite súbory cookie {category}: {link}.",
    embed_link: "spravovať moje voľby",
    form_refused: [
        "Tento formulár sa nepodarilo prečítať. Vráťte sa späť a odošlite ho ešte raz.",
        "Tento formulár nebol odoslaný zo stránky tohto webu alebo je stránka príliš stará. Obnovte stránku a skúste to znova.",
    ],
};
