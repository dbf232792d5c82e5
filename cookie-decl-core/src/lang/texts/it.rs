//! Italian: the words of the GDPR's Italian text ("consenso") and of the
//! Garante's guidelines on cookies.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::It,
    cookies_of: [
        "necessari",
        "di preferenze",
        "di misurazione dell'audience",
        "pubblicitari",
    ],
    gpc_start: "Il tuo browser invia il segnale Global Privacy Control: lo rispettiamo come un rifiuto dei cookie ",
    gpc_and: " e ",
    gpc_end: ". Puoi comunque accettarli.",
    choice_none: "Non hai ancora fatto una scelta.",
    choice: "La tua scelta del {date} alle {time} UTC (registrazione {id}): accettato: {accepted}; rifiutato: {refused}.",
    date: "{d}/{m}/{y}",
    choice_categories: [
        "necessari",
        "preferenze",
        "misurazione dell'audience",
        "pubblicità e tracciamento",
    ],
    choice_nothing: "nessuna finalità",
    embed_intro: "Questo contenuto di {service} è fornito da {provider}. ",
    embed_sends: "Visualizzarlo trasmetterebbe informazioni sulla tua visita a {provider}.",
    embed_sets: "Visualizzarlo consentirebbe a {provider} di installare i seguenti cookie: {cookies}.",
    embed_accept: "Per visualizzarlo, accetta i cookie {category}: {link}.",
    embed_link: "gestisci le mie scelte",
    form_refused: [
        "Non è stato possibile leggere questo modulo. Torni alla pagina e lo invii di nuovo.",
        "Questo modulo non è stato inviato da una pagina di questo sito, oppure la pagina è troppo vecchia. Ricarichi la pagina e riprovi.",
    ],
};
