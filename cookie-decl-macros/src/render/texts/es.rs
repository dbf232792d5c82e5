//! Spanish: the words of the GDPR's Spanish text ("consentimiento") and
//! of the AEPD's guide on the use of cookies ("Aceptar todo", "Rechazar
//! todo", "Configurar", "cookies técnicas", "cookies de análisis").

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Es,
    charte: Charte {
        title: "Política de cookies",
        intro: "Para ofrecerle el mejor servicio posible, utilizamos cookies que garantizan su correcto funcionamiento.",
        what_heading: "¿Qué es una cookie?",
        what: "Una «cookie» es un conjunto de datos, generalmente de pequeño tamaño e identificado por un nombre, que un sitio web al que usted se conecta puede enviar a su navegador. Su navegador la conserva durante un tiempo determinado y la devuelve al servidor web cada vez que usted vuelve a conectarse a él. Las cookies tienen múltiples usos: pueden servir para recordar su identificador de cliente en una tienda en línea, el contenido actual de su cesta de la compra, un identificador que permite rastrear su navegación con fines estadísticos o publicitarios, etc.",
        kinds: "Existen varios tipos de cookies:",
        kinds_list: [
            "Las cookies «necesarias», propias, permiten almacenar información entre dos visitas a un mismo sitio web desde un mismo dispositivo. Permiten guardar una cesta de la compra, credenciales de inicio de sesión o elementos de personalización de la interfaz. No requieren el consentimiento del usuario.",
            "Las cookies «estadísticas» permiten seguir las acciones de un internauta en un sitio web. Cuando las estadísticas son anónimas (es decir, no permiten identificar a las personas), no es necesario el consentimiento del usuario.",
            "Las cookies «internas» o «propias» las instala el sitio visitado. Pueden instalarse además de las cookies necesarias y utilizarse para recopilar datos personales, seguir el comportamiento del usuario y servir a fines publicitarios.",
            "Las denominadas cookies «de terceros» son las que instala un sitio B (a menudo una red publicitaria), o que se instalan por cuenta de este, en un sitio A: así, el sitio B puede ver qué páginas del sitio A ha visitado un usuario y recopilar información sobre él.",
        ],
        usage_heading: "Para qué se utilizan las cookies en la plataforma ",
        categories: [
            "Cookies técnicas, necesarias para el funcionamiento de la plataforma",
            "Cookies de preferencias o personalización de la plataforma",
            "Cookies de análisis o medición de audiencia de la plataforma",
            "Cookies de marketing: publicidad y seguimiento en la plataforma",
        ],
        columns: [
            "Proveedor",
            "Servicio y ubicación",
            "Nombre de la cookie",
            "Finalidades",
            "Plazo de conservación",
            "Consentimiento necesario",
        ],
        consent: ["No (exenta)", "Sí"],
        contact: "Para cualquier consulta sobre esta política: ",
    },
    forms: Forms {
        title: "Sus opciones sobre las cookies",
        text_start: "La plataforma ",
        text_consent: " utiliza cookies necesarias para su funcionamiento y, con su consentimiento, cookies ",
        text_end: ". Puede aceptarlas todas, rechazarlas todas o elegir por finalidad, y cambiar de opinión en cualquier momento desde la página «Gestionar cookies».",
        text_no_consent: " solo utiliza cookies necesarias para su funcionamiento, que no requieren su consentimiento.",
        in_sentence: [
            "necesarias",
            "de preferencias",
            "de medición de audiencia",
            "de publicidad y seguimiento",
        ],
        and: " y ",
        exempt: "Las siguientes cookies de medición de audiencia están exentas de consentimiento (estadísticas anónimas, sin seguimiento en otros sitios): ",
        charte_link: "Consultar la política de cookies",
        preferences_link: "Gestionar cookies",
        accept_all: "Aceptar todo",
        refuse_all: "Rechazar todo",
        customise: "Configurar",
        save: "Guardar mis opciones",
        preferences_title: "Gestionar cookies",
        legend: "Finalidades",
        labels: [
            "Cookies necesarias",
            "Cookies de preferencias",
            "Cookies de medición de audiencia",
            "Cookies de publicidad y seguimiento",
        ],
        descriptions: [
            "Imprescindibles para el funcionamiento de la plataforma: no requieren su consentimiento.",
            "Recuerdan sus opciones de visualización más allá de lo que exige el servicio.",
            "Miden la audiencia de la plataforma.",
            "Siguen su navegación, también en otros sitios, con fines publicitarios.",
        ],
        always_on: " (siempre activas)",
        exempt_note: "Exentas de consentimiento: ",
        services: "Servicios de terceros: ",
        colon: ": ",
    },
    tags: Tags {
        heading: "Scripts y contenidos de terceros que instalan estas cookies",
        columns: [
            "Proveedor",
            "Servicio",
            "Tipo",
            "Categoría",
            "Cookies instaladas",
        ],
        kinds: ["Script", "Contenido integrado"],
        categories: ["Necesarias", "Preferencias", "Estadísticas", "Marketing"],
        none: "Ninguna",
        other_heading: "Cookies instaladas por otros medios",
        other_columns: ["Nombre de la cookie", "Instalada por"],
    },
    lifetime: Lifetimes {
        session: "Sesión",
        plural: Plural::One,
        units: [
            &["segundo", "segundos"],
            &["minuto", "minutos"],
            &["hora", "horas"],
            &["día", "días"],
            &["semana", "semanas"],
            &["mes", "meses"],
            &["año", "años"],
        ],
    },
};
