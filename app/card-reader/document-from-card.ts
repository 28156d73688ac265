import type { DocumentRead } from '../../core/document-read.ts';
import type { CardText } from './card-text.ts';

/** A card's text as the neutral document read every door reader yields. */
export function documentFromCard(card: CardText, readAt: Date): DocumentRead {
  const common = { source: 'id-card', issuingState: 'CHN', birthDate: card.birthDate, sex: card.sex, expiry: card.validUntil, readAt: readAt.toISOString() } as const;
  if (card.kind === 'foreign-permanent-resident') {
    const [primary = '', secondary = ''] = card.englishName.split(',').map((part) => part.trim());
    return {
      ...common,
      kind: 'foreign-permanent-resident',
      documentCode: card.version === '2017' ? 'I' : 'Y',
      nationality: card.nationality,
      number: card.number,
      name: card.chineseName || card.englishName,
      latinName: { primary, secondary },
    };
  }
  return {
    ...common,
    kind: card.kind,
    documentCode: card.kind === 'resident-id' ? 'ID' : 'J',
    // Both cards are held by Chinese citizens only (a residence permit by those living in Hong Kong, Macao or Taiwan).
    nationality: 'CHN',
    number: card.idNumber,
    name: card.name,
    latinName: null,
  };
}
