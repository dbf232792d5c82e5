//! Portuguese (European): the words of the GDPR's Portuguese text
//! ("consentimento", "retirar o consentimento") and of the CNPD
//! ("Aceitar tudo", "Rejeitar tudo", "Política de Cookies").

use super::{Charte, Forms, Lifetimes, Plural, Tags, Texts};
use crate::lang::Lang;

pub const TEXTS: Texts = Texts {
    lang: Lang::Pt,
    charte: Charte {
        title: "Política de Cookies",
        intro: "Para lhe oferecer o melhor serviço possível, recorremos a cookies que asseguram o seu bom funcionamento.",
        what_heading: "O que é um cookie?",
        what: "Um «cookie» é um conjunto de informações, geralmente de pequena dimensão e com um nome que o identifica, que um sítio web ao qual se liga pode transmitir ao seu navegador. O seu navegador conserva-o durante um determinado período e reenvia-o ao servidor web sempre que se volta a ligar a esse sítio. Os cookies têm múltiplas utilizações: podem servir para memorizar o seu código de cliente numa loja em linha, o conteúdo atual do seu carrinho de compras, um identificador com o qual a sua navegação pode ser seguida para fins estatísticos ou publicitários, etc.",
        kinds: "Os cookies podem ser de vários tipos:",
        kinds_list: [
            "Os cookies «necessários», internos, permitem guardar informações entre duas visitas ao mesmo sítio web no mesmo dispositivo. Permitem guardar um carrinho de compras, credenciais de início de sessão ou elementos de personalização da interface. Não exigem o consentimento do utilizador.",
            "Os cookies «estatísticos» permitem acompanhar as ações de um internauta num sítio web. Quando as estatísticas são anónimas (ou seja, não permitem identificar uma pessoa), o consentimento do utilizador não é necessário.",
            "Os cookies ditos «internos», ou «próprios», são instalados pelo sítio visitado. Podem ser instalados para além dos cookies necessários e ser utilizados para recolher dados pessoais, acompanhar o comportamento do utilizador e servir fins publicitários.",
            "Os chamados cookies «de terceiros» são instalados por (ou para) um sítio B (muitas vezes uma rede publicitária) num sítio A: isto permite ao sítio B ver que páginas do sítio A foram visitadas por um utilizador e recolher informações sobre ele.",
        ],
        usage_heading: "Para que servem os cookies na plataforma ",
        categories: [
            "Cookies necessários ao funcionamento da plataforma (cookies funcionais)",
            "Cookies de preferências para personalizar a plataforma (cookies de personalização)",
            "Cookies de medição de audiência da plataforma (cookies analíticos)",
            "Cookies publicitários e de seguimento na plataforma (cookies de marketing)",
        ],
        columns: [
            "Fornecedor",
            "Serviço e localização",
            "Nome do cookie",
            "Finalidades",
            "Prazo de conservação",
            "Consentimento exigido",
        ],
        consent: ["Não (isento)", "Sim"],
        contact: "Para qualquer questão relativa a esta política: ",
    },
    forms: Forms {
        title: "As suas escolhas sobre cookies",
        text_start: "A plataforma ",
        text_consent: " utiliza cookies necessários ao seu funcionamento e, com o seu consentimento, cookies ",
        text_end: ". Pode aceitar tudo, rejeitar tudo ou escolher por finalidade, e mudar de ideias a qualquer momento na página «Gerir cookies».",
        text_no_consent: " utiliza apenas cookies necessários ao seu funcionamento, que não exigem o seu consentimento.",
        in_sentence: [
            "necessários",
            "de preferências",
            "de medição de audiência",
            "publicitários e de seguimento",
        ],
        and: " e ",
        exempt: "Os seguintes cookies de medição de audiência estão isentos de consentimento (estatísticas anónimas, sem seguimento noutros sítios): ",
        charte_link: "Ler a Política de Cookies",
        preferences_link: "Gerir cookies",
        accept_all: "Aceitar tudo",
        refuse_all: "Rejeitar tudo",
        customise: "Personalizar",
        save: "Guardar as minhas escolhas",
        preferences_title: "Gerir cookies",
        legend: "Finalidades",
        labels: [
            "Cookies necessários",
            "Cookies de preferências",
            "Cookies de medição de audiência",
            "Cookies publicitários e de seguimento",
        ],
        descriptions: [
            "Indispensáveis ao funcionamento da plataforma: não exigem o seu consentimento.",
            "Memorizam as suas opções de apresentação para além do que o serviço exige.",
            "Medem a audiência da plataforma.",
            "Seguem a sua navegação, incluindo noutros sítios, para fins publicitários.",
        ],
        always_on: " (sempre ativos)",
        exempt_note: "Isentos de consentimento: ",
        services: "Serviços de terceiros: ",
        colon: ": ",
    },
    tags: Tags {
        heading: "Scripts e conteúdos de terceiros que instalam estes cookies",
        columns: [
            "Fornecedor",
            "Serviço",
            "Tipo",
            "Categoria",
            "Cookies instalados",
        ],
        kinds: ["Script", "Conteúdo incorporado"],
        categories: ["Necessários", "Preferências", "Estatísticas", "Marketing"],
        none: "Nenhum",
        other_heading: "Cookies instalados por outros meios",
        other_columns: ["Nome do cookie", "Instalado por"],
    },
    lifetime: Lifetimes {
        session: "Sessão",
        plural: Plural::One,
        units: [
            &["segundo", "segundos"],
            &["minuto", "minutos"],
            &["hora", "horas"],
            &["dia", "dias"],
            &["semana", "semanas"],
            &["mês", "meses"],
            &["ano", "anos"],
        ],
    },
};
