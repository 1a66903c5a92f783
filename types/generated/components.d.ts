import type { Schema, Struct } from '@strapi/strapi';

export interface EditionDay extends Struct.ComponentSchema {
  collectionName: 'components_edition_days';
  info: {
    description: "Un jour de l'\u00E9dition, \u00E0 l'heure locale du fuseau de l'\u00E9dition.";
    displayName: 'Jour';
    icon: 'calendar';
  };
  attributes: {
    date: Schema.Attribute.Date & Schema.Attribute.Required;
    endTime: Schema.Attribute.Time & Schema.Attribute.Required;
    label: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    startTime: Schema.Attribute.Time & Schema.Attribute.Required;
  };
}

export interface EditionRoom extends Struct.ComponentSchema {
  collectionName: 'components_edition_rooms';
  info: {
    description: "Une salle de l'\u00E9dition, o\u00F9 le programme place des sessions.";
    displayName: 'Salle';
    icon: 'house';
  };
  attributes: {
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
  };
}

export interface EditionVenue extends Struct.ComponentSchema {
  collectionName: 'components_edition_venues';
  info: {
    description: "O\u00F9 se tient l'\u00E9dition.";
    displayName: 'Lieu';
    icon: 'pinMap';
  };
  attributes: {
    address: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    city: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    hostShow: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface EventOrganizer extends Struct.ComponentSchema {
  collectionName: 'components_event_organizers';
  info: {
    description: "L'administration qui organise l'\u00E9v\u00E9nement.";
    displayName: 'Organisateur';
    icon: 'house';
  };
  attributes: {
    email: Schema.Attribute.Email;
    name: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    website: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'edition.day': EditionDay;
      'edition.room': EditionRoom;
      'edition.venue': EditionVenue;
      'event.organizer': EventOrganizer;
    }
  }
}
