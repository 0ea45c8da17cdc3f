import { apiErrors } from '../../errors.js'
import type { CataloguePackage, Category, CategoryParameter, ClassifiedPackage } from './catalogue.types.js'

export interface CatalogueData {
  rootId: string
  categories: readonly Category[]
  parameters: Readonly<Record<string, readonly CategoryParameter[]>>
  packages: readonly CataloguePackage[]
}

export function toWirePackage ({ meta: _meta, ...wire }: CataloguePackage): ClassifiedPackage {
  return wire
}

/** Categories, their parameters and classified packages: reference data, the same for every seller. */
export function createCatalogueService (data: CatalogueData) {
  const byId = new Map(data.categories.map(c => [c.id, c]))

  function category (id: string): Category {
    const found = byId.get(id)
    if (!found) throw apiErrors.notFound(`Category ${id} not found`)
    return found
  }

  return {
    /** Main categories for the root id (the default), else the children of `parentId`. */
    categories (parentId: string | undefined): { categories: Category[] } {
      if (parentId === undefined || parentId === data.rootId) return { categories: data.categories.filter(c => c.parent === null) }
      category(parentId)
      return { categories: data.categories.filter(c => c.parent?.id === parentId) }
    },

    category,

    /** A leaf's parameters; a category above the leaves has none. */
    parameters (categoryId: string): { parameters: CategoryParameter[] } {
      category(categoryId)
      return { parameters: [...(data.parameters[categoryId] ?? [])] }
    },

    /** Parameters of a category without the existence check, for rules that already resolved it. */
    parametersOf (categoryId: string): readonly CategoryParameter[] {
      return data.parameters[categoryId] ?? []
    },

    /** Packages offered in a leaf that takes classified ads. */
    packagesFor (categoryId: string): { packages: ClassifiedPackage[] } {
      const found = byId.get(categoryId)
      if (!found) throw apiErrors.badRequest(`Category ${categoryId} not found`, 'category.id')
      if (!found.leaf || !found.options.advertisement) {
        throw apiErrors.badRequest(`Category ${categoryId} does not take classified ads`, 'category.id')
      }
      return { packages: data.packages.filter(p => p.meta.categoryIds.includes(categoryId)).map(toWirePackage) }
    },

    package (packageId: string): ClassifiedPackage {
      const found = data.packages.find(p => p.id === packageId)
      if (!found) throw apiErrors.notFound('The classifieds package not found')
      return toWirePackage(found)
    },

    /** A package with its fee and categories, or undefined. */
    findPackage (packageId: string): CataloguePackage | undefined {
      return data.packages.find(p => p.id === packageId)
    },

    findCategory (categoryId: string): Category | undefined {
      return byId.get(categoryId)
    },
  }
}

export type CatalogueService = ReturnType<typeof createCatalogueService>
