//! Estonian: the words of the GDPR's Estonian text ("nõusolek") and of
//! the Andmekaitse Inspektsioon ("küpsised").

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Et,
    cookies_of: [
        "toimimine",
        "eelistused",
        "külastatavuse mõõtmine",
        "reklaam",
    ],
    gpc_start: "Teie brauser saadab signaali Global Privacy Control, mida käsitleme keeldumisena küpsistest järgmistel eesmärkidel: ",
    gpc_and: " ja ",
    gpc_end: ". Võite neile siiski nõusoleku anda.",
    choice_none: "Te ei ole veel valikut teinud.",
    choice: "Teie valik {date} kell {time} UTC (kirje {id}): nõustutud: {accepted}; keeldutud: {refused}.",
    date: "{d}.{m}.{y}",
    choice_categories: [
        "vajalikud",
        "eelistused",
        "külastatavuse mõõtmine",
        "reklaam ja jälgimine",
    ],
    choice_nothing: "puudub",
    embed_intro: "Selle sisu ({service}) pakub {provider}. ",
    embed_sends: "Selle kuvamisel edastataks teavet teie külastuse kohta teenusepakkujale {provider}.",
    embed_sets: "Selle kuvamisel saaks {provider} paigaldada järgmised küpsised: {cookies}.",
    embed_accept: "Selle kuvamiseks nõustuge küpsistega eesmärgil „{category}“: {link}.",
    embed_link: "halda minu valikuid",
    form_refused: [
        "Vormi ei õnnestunud lugeda. Minge tagasi lehele ja saatke see uuesti.",
        "Vormi ei saadetud selle veebisaidi lehelt või on leht liiga vana. Laadige leht uuesti ja proovige veel kord.",
    ],
};
