//! Romanian: the words of the GDPR's Romanian text ("consimțământ") and
//! of the ANSPDCP ("cookie-uri").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Ro,
    cookies_of: [
        "necesare",
        "de preferințe",
        "de măsurare a audienței",
        "de publicitate",
    ],
    gpc_start: "Browserul dumneavoastră trimite semnalul Global Privacy Control: îl respectăm ca pe un refuz al cookie-urilor ",
    gpc_and: " și ",
    gpc_end: ". Le puteți accepta în continuare.",
    choice_none: "Nu ați făcut încă nicio alegere.",
    choice: "Alegerea dumneavoastră din {date}, ora {time} UTC (înregistrarea {id}): acceptat: {accepted}; refuzat: {refused}.",
    date: "{d}.{m}.{y}",
    choice_categories: [
        "necesare",
        "preferințe",
        "măsurarea audienței",
        "publicitate și urmărire",
    ],
    choice_nothing: "niciun scop",
    embed_intro: "Acest conținut {service} este furnizat de {provider}. ",
    embed_sends: "Afișarea lui ar transmite informații despre vizita dumneavoastră către {provider}.",
    embed_sets: "Afișarea lui ar permite furnizorului {provider} să plaseze următoarele cookie-uri: {cookies}.",
    embed_accept: "Pentru a-l afișa, acceptați cookie-urile {category}: {link}.",
    embed_link: "gestionați opțiunile mele",
    form_refused: [
        "Acest formular nu a putut fi citit. Reveniți la pagină și trimiteți-l din nou.",
        "Acest formular nu a fost trimis de pe o pagină a acestui site sau pagina este prea veche. Reîncărcați pagina și încercați din nou.",
    ],
};
