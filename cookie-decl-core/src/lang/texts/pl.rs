//! Polish: the words of the GDPR's Polish text ("zgoda") and of the
//! UODO's guidance ("pliki cookie").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Pl,
    cookies_of: [
        "niezbędne do działania",
        "do zapamiętywania preferencji",
        "do pomiaru ruchu",
        "do celów reklamowych",
    ],
    gpc_start: "Twoja przeglądarka wysyła sygnał Global Privacy Control: traktujemy go jako odmowę zgody na pliki cookie ",
    gpc_and: " i ",
    gpc_end: ". Nadal możesz je zaakceptować.",
    choice_none: "Nie dokonano jeszcze wyboru.",
    choice: "Twój wybór z dnia {date}, godz. {time} UTC (zapis {id}): zaakceptowano: {accepted}; odrzucono: {refused}.",
    date: "{d}.{m}.{y}",
    choice_categories: [
        "niezbędne",
        "preferencje",
        "pomiar ruchu",
        "reklama i śledzenie",
    ],
    choice_nothing: "brak",
    embed_intro: "Tę treść z serwisu {service} udostępnia {provider}. ",
    embed_sends: "Jej wyświetlenie spowodowałoby przesłanie informacji o Twojej wizycie dostawcy {provider}.",
    embed_sets: "Jej wyświetlenie pozwoliłoby dostawcy {provider} zapisać następujące pliki cookie: {cookies}.",
    embed_accept: "Aby ją wyświetlić, zaakceptuj pliki cookie {category}: {link}.",
    embed_link: "zarządzaj moimi wyborami",
    form_refused: [
        "Nie udało się odczytać tego formularza. Wróć do strony i wyślij go ponownie.",
        "Ten formularz nie został wysłany ze strony tej witryny albo strona jest zbyt stara. Odśwież stronę i spróbuj jeszcze raz.",
    ],
};
