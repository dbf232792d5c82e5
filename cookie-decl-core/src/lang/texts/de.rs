//! German: the words of the GDPR's German text ("Einwilligung",
//! "ablehnen") and of the Datenschutzkonferenz's guidance for websites.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::De,
    cookies_of: [
        "den Betrieb",
        "Präferenzen",
        "Reichweitenmessung",
        "Werbung",
    ],
    gpc_start: "Ihr Browser sendet das Signal Global Privacy Control: Wir werten es als Ablehnung der Cookies für ",
    gpc_and: " und ",
    gpc_end: ". Sie können diese trotzdem akzeptieren.",
    choice_none: "Sie haben noch keine Auswahl getroffen.",
    choice: "Ihre Auswahl vom {date} um {time} UTC (Eintrag {id}): akzeptiert: {accepted}; abgelehnt: {refused}.",
    date: "{d}.{m}.{y}",
    choice_categories: [
        "notwendige Cookies",
        "Präferenzen",
        "Reichweitenmessung",
        "Werbung und Tracking",
    ],
    choice_nothing: "keine",
    embed_intro: "Dieser Inhalt von {service} wird von {provider} bereitgestellt. ",
    embed_sends: "Wenn er angezeigt wird, werden Informationen über Ihren Besuch an {provider} übermittelt.",
    embed_sets: "Wenn er angezeigt wird, kann {provider} die folgenden Cookies setzen: {cookies}.",
    embed_accept: "Um ihn anzuzeigen, akzeptieren Sie die Cookies für {category}: {link}.",
    embed_link: "meine Auswahl verwalten",
    form_refused: [
        "Dieses Formular konnte nicht gelesen werden. Kehren Sie zur Seite zurück und senden Sie es erneut.",
        "Dieses Formular wurde nicht von einer Seite dieser Website gesendet, oder die Seite ist zu alt. Laden Sie die Seite neu und versuchen Sie es noch einmal.",
    ],
};
