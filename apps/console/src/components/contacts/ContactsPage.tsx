import { ContactList } from './ContactList';
import { ContactView } from './ContactView';

/** The Contacts page: the list, or one contact when the URL names it (#/contacts/<id>). */
export default function ContactsPage({ contactId }: { contactId?: string | undefined }) {
  return contactId ? <ContactView id={contactId} /> : <ContactList />;
}
