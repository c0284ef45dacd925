@_exported import BlobStore
