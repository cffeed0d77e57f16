//! The open documents, keyed by [`DocumentId`]: the one place that owns them.

use super::search::search_document;
use super::{Block, Document, DocumentId, SearchHit};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Documents by id, in the order they were added.
#[derive(Clone, Debug, Default)]
pub struct Store {
    documents: FxHashMap<DocumentId, Arc<Document>>,
    order: Vec<DocumentId>,
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a document and returns its id; a document with the same content (the same id)
    /// is kept as it was and its id returned.
    pub fn insert(&mut self, document: Document) -> DocumentId {
        self.insert_shared(Arc::new(document))
    }

    /// Adds a shared document (see [`Store::insert`]).
    pub fn insert_shared(&mut self, document: Arc<Document>) -> DocumentId {
        let id = document.id.clone();
        if !self.documents.contains_key(&id) {
            self.order.push(id.clone());
            self.documents.insert(id.clone(), document);
        }
        id
    }

    /// Removes a document; returns it.
    pub fn remove(&mut self, id: &DocumentId) -> Option<Arc<Document>> {
        self.order.retain(|d| d != id);
        self.documents.remove(id)
    }

    /// Moves a document to the end of the order (tabs follow it: the new version after the old).
    pub fn move_to_end(&mut self, id: &DocumentId) {
        if let Some(position) = self.order.iter().position(|d| d == id) {
            let id = self.order.remove(position);
            self.order.push(id);
        }
    }

    /// The document with this id.
    pub fn get(&self, id: &DocumentId) -> Option<&Arc<Document>> {
        self.documents.get(id)
    }

    /// True when a document with this id is held.
    pub fn contains(&self, id: &DocumentId) -> bool {
        self.documents.contains_key(id)
    }

    /// Ids in the order the documents were added.
    pub fn ids(&self) -> &[DocumentId] {
        &self.order
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// True when no document is held.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Documents in the order they were added.
    pub fn documents(&self) -> impl Iterator<Item = &Arc<Document>> {
        self.order.iter().filter_map(|id| self.documents.get(id))
    }

    /// A block of a document by its label (`12`, `12.`, `a)`).
    pub fn block_by_label(&self, id: &DocumentId, label: &str) -> Option<(usize, &Block)> {
        let doc = self.get(id)?;
        let index = doc.block_by_label(label)?;
        Some((index, &doc.blocks[index]))
    }

    /// Case-insensitive search (Cyrillic-aware, `ё` = `е`) in every document.
    pub fn search(&self, query: &str) -> Vec<SearchHit> {
        self.documents().flat_map(|doc| search_document(doc, query)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, document_from_bytes};

    #[test]
    fn documents_are_kept_by_id_in_order_and_once() {
        let read = |text: &str| document_from_bytes("t.md", text.as_bytes(), IngestOptions::default()).expect("reads");
        let mut store = Store::new();
        let a = store.insert(read("1. Один.\n"));
        let b = store.insert(read("1. Два.\n"));
        assert_eq!(store.insert(read("1. Один.\n")), a, "the same content is one document");
        assert_eq!(store.ids(), &[a.clone(), b.clone()]);
        assert_eq!(store.get(&b).map(|d| d.blocks[0].text.as_str()), Some("Два."));
        store.move_to_end(&a);
        assert_eq!(store.ids(), &[b.clone(), a.clone()]);
        store.move_to_end(&a);
        assert_eq!(store.ids(), &[b.clone(), a.clone()], "already last");
        assert!(store.remove(&a).is_some());
        assert_eq!(store.ids(), std::slice::from_ref(&b));
        assert!(!store.contains(&a));
        assert_eq!(store.len(), 1);
    }
}
