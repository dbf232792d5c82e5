//! Spanish: the words of the GDPR's Spanish text ("consentimiento") and
//! of the AEPD's guide on the use of cookies.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::Es,
    cookies_of: [
        "necesarias",
        "de preferencias",
        "de medición de audiencia",
        "publicitarias",
    ],
    gpc_start: "Su navegador envía la señal Global Privacy Control: la respetamos como un rechazo de las cookies ",
    gpc_and: " y ",
    gpc_end: ". Aun así, puede aceptarlas.",
    choice_none: "Todavía no ha realizado ninguna elección.",
    choice: "Su elección del {date} a las {time} UTC (registro {id}): aceptado: {accepted}; rechazado: {refused}.",
    date: "{d}/{m}/{y}",
    choice_categories: [
        "necesarias",
        "preferencias",
        "medición de audiencia",
        "publicidad y seguimiento",
    ],
    choice_nothing: "ninguna finalidad",
    embed_intro: "Este contenido de {service} lo proporciona {provider}. ",
    embed_sends: "Mostrarlo enviaría información sobre su visita a {provider}.",
    embed_sets: "Mostrarlo permitiría a {provider} instalar las siguientes cookies: {cookies}.",
    embed_accept: "Para mostrarlo, acepte las cookies {category}: {link}.",
    embed_link: "gestionar mis opciones",
    form_refused: [
        "No se ha podido leer este formulario. Vuelva a la página y envíelo de nuevo.",
        "Este formulario no se ha enviado desde una página de este sitio, o la página es demasiado antigua. Recargue la página y vuelva a intentarlo.",
    ],
};
