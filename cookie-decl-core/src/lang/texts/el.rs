//! Greek: the words of the GDPR's Greek text ("συγκατάθεση") and of the
//! Hellenic Data Protection Authority.

use super::Texts;
use crate::Lang;

pub(crate) const TEXTS: Texts = Texts {
    lang: Lang::El,
    cookies_of: [
        "λειτουργίας",
        "προτιμήσεων",
        "μέτρησης επισκεψιμότητας",
        "διαφήμισης",
    ],
    gpc_start: "Το πρόγραμμα περιήγησής σας στέλνει το σήμα Global Privacy Control: το σεβόμαστε ως άρνηση των cookies ",
    gpc_and: " και ",
    gpc_end: ". Μπορείτε πάντως να τα αποδεχθείτε.",
    choice_none: "Δεν έχετε κάνει ακόμη επιλογή.",
    choice: "Η επιλογή σας της {date} στις {time} UTC (εγγραφή {id}): αποδεχθήκατε: {accepted}· απορρίψατε: {refused}.",
    date: "{d}/{m}/{y}",
    choice_categories: [
        "απαραίτητα",
        "προτιμήσεις",
        "μέτρηση επισκεψιμότητας",
        "διαφήμιση και παρακολούθηση",
    ],
    choice_nothing: "τίποτα",
    embed_intro: "Αυτό το περιεχόμενο {service} παρέχεται από τον πάροχο {provider}. ",
    embed_sends: "Η εμφάνισή του θα διαβίβαζε πληροφορίες για την επίσκεψή σας στον πάροχο {provider}.",
    embed_sets: "Η εμφάνισή του θα επέτρεπε στον πάροχο {provider} να τοποθετήσει τα ακόλουθα cookies: {cookies}.",
    embed_accept: "Για να εμφανιστεί, αποδεχθείτε τα cookies {category}: {link}.",
    embed_link: "διαχείριση των επιλογών μου",
    form_refused: [
        "Δεν ήταν δυνατή η ανάγνωση αυτής της φόρμας. Επιστρέψτε στη σελίδα και υποβάλετέ τη ξανά.",
        "Η φόρμα αυτή δεν υποβλήθηκε από σελίδα αυτού του ιστότοπου ή η σελίδα είναι πολύ παλιά. Φορτώστε ξανά τη σελίδα και δοκιμάστε πάλι.",
    ],
};
