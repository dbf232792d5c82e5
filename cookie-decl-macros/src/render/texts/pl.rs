//! Polish: the words of the GDPR's Polish text ("zgoda", "cofnięcie
//! zgody") and of the UODO's guidance ("Akceptuj wszystkie", "Odrzuć
//! wszystkie", "pliki cookie").

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Pl,
    charte: Charte {
        title: "Polityka cookies",
        intro: "Aby świadczyć Ci usługę na najwyższym poziomie, używamy plików cookie, które zapewniają jej prawidłowe działanie.",
        what_heading: "Czym jest plik cookie?",
        what: "Plik „cookie” to ciąg informacji, zwykle niewielkiego rozmiaru i identyfikowany nazwą, który strona internetowa, z którą się łączysz, może przesłać do Twojej przeglądarki. Przeglądarka przechowuje go przez określony czas i odsyła do serwera internetowego za każdym razem, gdy ponownie się z nim łączysz. Pliki cookie mają wiele zastosowań: mogą służyć do zapamiętania Twojego identyfikatora klienta w sklepie internetowym, bieżącej zawartości koszyka, identyfikatora pozwalającego śledzić Twoje przeglądanie w celach statystycznych lub reklamowych itp.",
        kinds: "Istnieje kilka rodzajów plików cookie:",
        kinds_list: [
            "„Niezbędne” własne pliki cookie pozwalają zapisywać informacje między dwiema wizytami na tej samej stronie internetowej na tym samym urządzeniu. Umożliwiają zapamiętanie koszyka, danych logowania lub ustawień personalizacji interfejsu. Nie wymagają zgody użytkownika.",
            "„Statystyczne” pliki cookie pozwalają śledzić działania internauty na stronie internetowej. Gdy statystyki są anonimowe (tzn. nie pozwalają zidentyfikować osoby), zgoda użytkownika nie jest wymagana.",
            "„Wewnętrzne” lub „własne” pliki cookie są zapisywane przez odwiedzaną stronę. Mogą być zapisywane oprócz niezbędnych plików cookie i służyć do zbierania danych osobowych, śledzenia zachowań użytkownika oraz do celów reklamowych.",
            "Tak zwane pliki cookie „stron trzecich” są zapisywane na stronie A przez stronę B (często sieć reklamową) lub na jej rzecz: pozwala to stronie B sprawdzić, które podstrony strony A odwiedził użytkownik, i zbierać o nim informacje.",
        ],
        usage_heading: "Do czego służą pliki cookie na platformie ",
        categories: [
            "Pliki cookie niezbędne do działania platformy / funkcjonalne pliki cookie",
            "Pliki cookie preferencji służące personalizacji platformy / pliki cookie personalizacji",
            "Pliki cookie do pomiaru ruchu na platformie / statystyczne pliki cookie",
            "Reklamowe i śledzące pliki cookie na platformie / marketingowe pliki cookie",
        ],
        columns: [
            "Dostawca",
            "Usługa i miejsce",
            "Nazwa pliku cookie",
            "Cele",
            "Okres przechowywania",
            "Wymagana zgoda",
        ],
        consent: ["Nie (zwolnione)", "Tak"],
        contact: "W razie pytań dotyczących tej polityki: ",
    },
    forms: Forms {
        title: "Twoje wybory dotyczące plików cookie",
        text_start: "Platforma ",
        text_consent: " używa plików cookie niezbędnych do jej działania oraz, za Twoją zgodą, plików cookie ",
        text_end: ". Możesz zaakceptować wszystkie, odrzucić wszystkie lub wybrać według celów, a w każdej chwili zmienić zdanie na stronie „Zarządzaj plikami cookie”.",
        text_no_consent: " używa wyłącznie plików cookie niezbędnych do jej działania, które nie wymagają Twojej zgody.",
        in_sentence: [
            "niezbędnych do działania",
            "do zapamiętywania preferencji",
            "do pomiaru ruchu",
            "do celów reklamowych i śledzenia",
        ],
        and: " i ",
        exempt: "Następujące pliki cookie do pomiaru ruchu są zwolnione z obowiązku uzyskania zgody (anonimowe statystyki, bez śledzenia na innych stronach): ",
        charte_link: "Przeczytaj politykę cookies",
        preferences_link: "Zarządzaj plikami cookie",
        accept_all: "Akceptuj wszystkie",
        refuse_all: "Odrzuć wszystkie",
        customise: "Dostosuj",
        save: "Zapisz moje wybory",
        preferences_title: "Zarządzaj plikami cookie",
        legend: "Cele",
        labels: [
            "Niezbędne pliki cookie",
            "Pliki cookie preferencji",
            "Pliki cookie do pomiaru ruchu",
            "Reklamowe i śledzące pliki cookie",
        ],
        descriptions: [
            "Niezbędne do działania platformy: nie wymagają Twojej zgody.",
            "Zapamiętują Twoje ustawienia wyświetlania w zakresie wykraczającym poza to, czego wymaga usługa.",
            "Mierzą ruch na platformie.",
            "Śledzą Twoje przeglądanie, także na innych stronach, w celach reklamowych.",
        ],
        always_on: " (zawsze aktywne)",
        exempt_note: "Zwolnione z obowiązku uzyskania zgody: ",
        services: "Usługi podmiotów trzecich: ",
        colon: ": ",
    },
    tags: Tags {
        heading: "Skrypty i treści podmiotów trzecich, które zapisują te pliki cookie",
        columns: [
            "Dostawca",
            "Usługa",
            "Typ",
            "Kategoria",
            "Zapisywane pliki cookie",
        ],
        kinds: ["Skrypt", "Treść osadzona"],
        categories: ["Niezbędne", "Preferencje", "Statystyki", "Marketing"],
        none: "Brak",
        other_heading: "Pliki cookie zapisywane w inny sposób",
        other_columns: ["Nazwa pliku cookie", "Zapisywany przez"],
    },
    lifetime: Lifetimes {
        session: "Sesja",
        plural: Plural::Polish,
        units: [
            &["sekunda", "sekundy", "sekund"],
            &["minuta", "minuty", "minut"],
            &["godzina", "godziny", "godzin"],
            &["dzień", "dni", "dni"],
            &["tydzień", "tygodnie", "tygodni"],
            &["miesiąc", "miesiące", "miesięcy"],
            &["rok", "lata", "lat"],
        ],
    },
};
