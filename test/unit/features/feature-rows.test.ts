import { describe, expect, it } from 'vitest';
import { toFeature } from '../../../db/queries/features.js';

describe('a features row as the domain reads it', () => {
  it('leaves out a unit and a description the operator did not give', () => {
    expect(toFeature({ key: 'sso', name: 'SSO', kind: 'boolean', unit: null, description: null })).toEqual({ key: 'sso', name: 'SSO', kind: 'boolean' });
  });

  it('keeps the ones given, even empty', () => {
    expect(toFeature({ key: 'storage_mb', name: 'Storage', kind: 'gauge', unit: 'MB', description: '' })).toEqual({ key: 'storage_mb', name: 'Storage', kind: 'gauge', unit: 'MB', description: '' });
  });
});
